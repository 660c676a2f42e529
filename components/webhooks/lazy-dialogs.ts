"use client";

import type { ComponentProps } from "react";
import { lazyDialog } from "@/components/common/lazy-dialog";
import type { AddWebhookDialog as Add } from "./add-webhook-dialog";
import type { ConfirmWebhookDialog as Confirm } from "./confirm-webhook-dialog";
import type { SigningSecretDialog as Secret } from "./signing-secret-dialog";

export const AddWebhookDialog = lazyDialog<ComponentProps<typeof Add>>(() => import("./add-webhook-dialog").then((m) => m.AddWebhookDialog), (p) => p.open);
export const ConfirmWebhookDialog = lazyDialog<ComponentProps<typeof Confirm>>(() => import("./confirm-webhook-dialog").then((m) => m.ConfirmWebhookDialog), (p) => p.action !== null);
export const SigningSecretDialog = lazyDialog<ComponentProps<typeof Secret>>(() => import("./signing-secret-dialog").then((m) => m.SigningSecretDialog), (p) => p.shown !== null);
