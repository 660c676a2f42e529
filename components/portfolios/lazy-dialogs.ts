"use client";

import type { ComponentProps } from "react";
import { lazyDialog } from "@/components/common/lazy-dialog";
import { CopyOnceDialog } from "@/components/tokens/dialogs/lazy-dialogs";
import type { DeletePortfolioDialog as Delete } from "./delete-portfolio-dialog";
import type { NewPortfolioDialog as New } from "./new-portfolio-dialog";

// Loaded on first open: the create form (react-hook-form, zod, the token wizard's fields) is not first-load code.
export const NewPortfolioDialog = lazyDialog<ComponentProps<typeof New>>(() => (CopyOnceDialog.preload(), import("./new-portfolio-dialog").then((m) => m.NewPortfolioDialog)), (p) => p.open);
export const DeletePortfolioDialog = lazyDialog<ComponentProps<typeof Delete>>(() => import("./delete-portfolio-dialog").then((m) => m.DeletePortfolioDialog), (p) => p.open);
