"use client";

import type { ComponentProps } from "react";
import { lazyDialog } from "@/components/common/lazy-dialog";
import type { JobResultsDialog as Results } from "./job-results-dialog";

// Every page shows job progress; the per-item results dialog loads only when someone asks for it.
export const JobResultsDialog = lazyDialog<ComponentProps<typeof Results>>(() => import("./job-results-dialog").then((m) => m.JobResultsDialog), (p) => p.jobId !== null);
