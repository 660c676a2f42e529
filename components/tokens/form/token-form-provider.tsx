"use client";

import { createContext, useContext, useMemo, type ReactNode } from "react";
import { FormProvider, type FieldValues, type UseFormReturn } from "react-hook-form";
import type { TokenBounds } from "@/lib/domain/risk-rule";

type TokenFormSettings = {
  /** The token as it is now (Edit), or null for a new one: the risk rule compares against it. */
  before: TokenBounds | null;
  /** The portfolio's other token names, so a duplicate is caught as it is typed. */
  takenNames: readonly string[];
};

const Settings = createContext<TokenFormSettings>({ before: null, takenNames: [] });

/** What the shared token fields need to know beyond the form's values. */
export function useTokenFormSettings(): TokenFormSettings {
  return useContext(Settings);
}

/** react-hook-form's FormProvider plus the token fields' settings. */
export function TokenFormProvider<T extends FieldValues, TOut extends FieldValues>({
  form,
  before = null,
  takenNames,
  children,
}: {
  form: UseFormReturn<T, unknown, TOut>;
  before?: TokenBounds | null;
  takenNames?: readonly string[];
  children: ReactNode;
}) {
  const value = useMemo(() => ({ before, takenNames: takenNames ?? [] }), [before, takenNames]);
  return (
    <FormProvider {...form}>
      <Settings.Provider value={value}>{children}</Settings.Provider>
    </FormProvider>
  );
}
