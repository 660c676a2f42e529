"use client";

import { useQueryClient } from "@tanstack/react-query";
import { LogOut } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/lib/api-client";

export function SignOutButton() {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant="ghost"
      size="sm"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        try {
          await apiFetch("/api/session", { method: "DELETE" });
          queryClient.clear();
          router.replace("/login");
          router.refresh();
        } catch {
          toast.error("Could not sign out. Try again.");
          setPending(false);
        }
      }}
    >
      <LogOut aria-hidden />
      Sign out
    </Button>
  );
}
