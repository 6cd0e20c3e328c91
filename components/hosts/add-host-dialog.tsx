"use client";

import { useState } from "react";
import { Modal } from "@/components/ui/modal";
import { useAction } from "@/components/ui/use-action";
import { addHost } from "@/lib/actions/hosts/add-host";
import { HostForm } from "./host-form";

/** "Add host": a Docker endpoint (socket, TLS, SSH) or a local simulated host. */
export function AddHostDialog() {
  const [open, setOpen] = useState(false);
  const add = useAction(addHost);
  return (
    <Modal
      trigger="Add host"
      title="Add a host"
      description="A Docker daemon by its socket, tcp:// with TLS client certificates, or ssh:// with a private key. Keys are stored encrypted and never shown again."
      open={open}
      onOpenChange={setOpen}
    >
      <HostForm
        mode="add"
        pending={add.pending}
        error={add.error}
        fieldErrors={add.fieldErrors}
        onSubmit={(input) => add.run(input, () => setOpen(false))}
      />
    </Modal>
  );
}
