import { cookies } from "next/headers";
import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

/** What the lightest console route does: read a cookie, answer private JSON. */
export async function GET() {
  const session = (await cookies()).get("session")?.value ?? null;
  return NextResponse.json({ ok: true, session: session ? session.length : 0 }, { headers: { "Cache-Control": "no-store" } });
}
