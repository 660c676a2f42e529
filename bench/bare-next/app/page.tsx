import { CounterButton } from "./counter-button";

export default function Home() {
  return (
    <main>
      <h1>Bare Next</h1>
      <CounterButton />
    </main>
  );
}
