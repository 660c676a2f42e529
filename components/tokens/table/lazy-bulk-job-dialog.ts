"use client";

import type { ComponentProps } from "react";
import { lazyDialog } from "@/components/common/lazy-dialog";
import type { BulkJobDialog as Bulk } from "./bulk-job-dialog";

// The bulk-job confirmation (plan, ETA, typed phrase) loads when a kill-switch or bulk button first asks.
export const BulkJobDialog = lazyDialog<ComponentProps<typeof Bulk>>(() => import("./bulk-job-dialog").then((m) => m.BulkJobDialog), (p) => p.ask !== null);
