// The one shape of what a view tells the person after a call (see `attempt`).

/** Something to tell the person after a call: it worked, it failed, or simply for information. */
export type Notice = { kind: "ok" | "error" | "info"; text: string };
