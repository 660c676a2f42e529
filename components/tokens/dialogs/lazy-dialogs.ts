"use client";

import type { ComponentProps } from "react";
import { lazyDialog } from "@/components/common/lazy-dialog";
import type { CopyOnceDialog as CopyOnce } from "./copy-once-dialog";
import type { EditTokenDialog as Edit } from "./edit-token-dialog";
import type { MintTokenDialog as Mint } from "./mint-token-dialog";
import type { RevokeTokenDialog as Revoke } from "./revoke-token-dialog";
import type { RollTokenDialog as Roll } from "./roll-token-dialog";

// The token dialogs load on first open: their forms, zod schemas and ipaddr.js stay out of the page's first load.
export const CopyOnceDialog = lazyDialog<ComponentProps<typeof CopyOnce>>(() => import("./copy-once-dialog").then((m) => m.CopyOnceDialog), (p) => p.token !== null);
/** Minting shows a secret next: its copy-once dialog's code comes along with the minting dialog's. */
const withCopyOnce = <T,>(load: Promise<T>) => (CopyOnceDialog.preload(), load);
export const MintTokenDialog = lazyDialog<ComponentProps<typeof Mint>>(() => withCopyOnce(import("./mint-token-dialog")).then((m) => m.MintTokenDialog), (p) => p.open);
export const EditTokenDialog = lazyDialog<ComponentProps<typeof Edit>>(() => import("./edit-token-dialog").then((m) => m.EditTokenDialog), (p) => p.open);
export const RollTokenDialog = lazyDialog<ComponentProps<typeof Roll>>(() => withCopyOnce(import("./roll-token-dialog")).then((m) => m.RollTokenDialog), (p) => p.open);
export const RevokeTokenDialog = lazyDialog<ComponentProps<typeof Revoke>>(() => import("./revoke-token-dialog").then((m) => m.RevokeTokenDialog), (p) => p.open);
