import { useState } from 'react';

/**
 * State of a list page with a create/edit dialog: which item is open (null = new) and the last success
 * message, which the page announces in a live region.
 */
export function useEditor<T>() {
  const [open, setOpen] = useState<{ item: T | null } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  return {
    open,
    message,
    openNew: () => {
      setMessage(null);
      setOpen({ item: null });
    },
    openEdit: (item: T) => {
      setMessage(null);
      setOpen({ item });
    },
    close: () => setOpen(null),
    saved: (text: string) => {
      setOpen(null);
      setMessage(text);
    },
  };
}
