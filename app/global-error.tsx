"use client";

import { ErrorNotice } from "@/components/shell/error-notice";

export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body>
        <main style={{ padding: 32 }}>
          <ErrorNotice digest={error.digest} reset={reset} />
        </main>
      </body>
    </html>
  );
}
