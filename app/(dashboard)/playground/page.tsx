import type { Metadata } from "next";
import { PlaygroundScreen } from "@/components/playground/playground-screen";
import { getConfig } from "@/lib/config";

export const metadata: Metadata = { title: "Playground" };

export default function PlaygroundPage() {
  return <PlaygroundScreen sandboxMode={getConfig().sandboxMode} />;
}
