"use client";

import type { ComponentProps } from "react";
import { lazyDialog } from "@/components/common/lazy-dialog";
import type { DenyDialog as Dialog } from "./deny-dialog";

// The dialog (Radix, zod) loads the first time someone denies.
export const DenyDialog = lazyDialog<ComponentProps<typeof Dialog>>(() => import("./deny-dialog").then((m) => m.DenyDialog), (p) => p.target !== null);
