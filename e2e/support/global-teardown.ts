import { dropE2eDatabase } from "./e2e-database";

export default function globalTeardown() {
  dropE2eDatabase();
}
