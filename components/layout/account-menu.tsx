"use client";

import { lazy, Suspense, useState, type KeyboardEvent, type PointerEvent } from "react";
import { AccountButton } from "./account-button";

const loadMenu = () => import("./account-menu-content");
const preload = () => void loadMenu().catch(() => {});
const AccountMenuContent = lazy(() => loadMenu().then((m) => ({ default: m.AccountMenuContent })));

/**
 * The account menu's button on every page. The menu itself (Radix dropdown, the
 * sessions list, the sign-out-everywhere confirmation) is code few page views use,
 * so it loads when the button is first pressed (early on hover or focus) and
 * mounts open; the button looks and announces the same meanwhile.
 */
export function AccountMenu({ accountLabel }: { accountLabel: string }) {
  const [wanted, setWanted] = useState(false);
  const button = <AccountButton accountLabel={accountLabel} aria-haspopup="menu" aria-expanded={false} data-state="closed" />;
  if (wanted) {
    return (
      <Suspense fallback={button}>
        <AccountMenuContent accountLabel={accountLabel} />
      </Suspense>
    );
  }
  // Radix opens its menu on pointer down and on Enter, Space or ArrowDown: so does this.
  const onPointerDown = (e: PointerEvent) => {
    if (e.button === 0 && !e.ctrlKey) setWanted(true);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "Enter" || e.key === " " || e.key === "ArrowDown") {
      e.preventDefault();
      setWanted(true);
    }
  };
  return (
    <AccountButton
      accountLabel={accountLabel}
      aria-haspopup="menu"
      aria-expanded={false}
      data-state="closed"
      onPointerEnter={preload}
      onFocus={preload}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  );
}
