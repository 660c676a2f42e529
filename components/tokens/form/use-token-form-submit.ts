"use client";

import { useEffect, useRef, useState, type FormEvent, type RefObject } from "react";
import type { FieldErrors, FieldValues, Path, UseFormReturn } from "react-hook-form";
import { applyServerErrors } from "./apply-server-errors";
import { focusFirst } from "@/components/common/focus-first";

export type Submission = {
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  /** The last request's error, or null. */
  failure: unknown;
  formRef: RefObject<HTMLFormElement | null>;
};

/**
 * Submitting a form with token fields, the same way everywhere: one request
 * at a time (a second guard beside isPending, since two submits in one tick
 * both see it false), the server's field messages put on their fields, and,
 * after a failed submit, the first error scrolled to and focused. A submit is
 * never lost: validation runs on submit, so nothing moves under the pointer
 * between mouse-down and mouse-up.
 */
export function useTokenFormSubmit<T extends FieldValues, TOut extends FieldValues>(
  form: UseFormReturn<T, unknown, TOut>,
  {
    root,
    fieldOrder,
    onInvalid,
    onServerFields,
  }: {
    /** Where to look for the first invalid control; by default the form the returned `root` is put on. */
    root?: RefObject<HTMLElement | null>;
    /** The request's field names in screen order. */
    fieldOrder: readonly Path<T>[];
    /** Instead of focusing the first error (e.g. the wizard goes to its step). */
    onInvalid?: (errors: FieldErrors<T>) => void;
    onServerFields?: (fields: Path<T>[]) => void;
  },
) {
  const [failure, setFailure] = useState<unknown>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const inFlight = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);
  const searched = root ?? formRef;

  // react-hook-form publishes a failed submit's errors after calling onInvalid, so the request
  // waits for them: it is tried again when submitCount (published with them) changes.
  const submitCount = form.formState.submitCount;
  const focusPending = useRef(false);
  useEffect(() => {
    if (focusPending.current && focusFirst(searched.current, { invalidOnly: true })) focusPending.current = false;
  }, [focusRequest, submitCount, searched]);
  const focusFirstError = () => {
    focusPending.current = true;
    setFocusRequest((n) => n + 1);
  };

  /** The form's onSubmit for `run`, which sends the request and throws what the server answers. */
  function submit(run: (values: TOut) => Promise<void>) {
    return (event: FormEvent<HTMLFormElement>) => {
      if (inFlight.current) return event.preventDefault();
      void form.handleSubmit(
        async (values) => {
          if (inFlight.current) return;
          inFlight.current = true;
          setFailure(null);
          try {
            await run(values);
          } catch (e) {
            setFailure(e);
            const applied = applyServerErrors(form.setError, e, fieldOrder);
            if (onServerFields) onServerFields(applied);
            else if (applied.length > 0) focusFirstError();
          } finally {
            inFlight.current = false;
          }
        },
        (errors) => (onInvalid ? onInvalid(errors) : focusFirstError()),
      )(event);
    };
  }

  /** Everything a form element and its error block need for `run`. */
  function submission(run: (values: TOut) => Promise<void>): Submission {
    return { onSubmit: submit(run), failure, formRef };
  }

  return { failure, submit, submission, inFlight };
}
