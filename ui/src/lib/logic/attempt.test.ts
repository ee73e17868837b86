import { describe, expect, it } from "vitest";
import { AttuneError } from "../ipc";
import { attempt } from "./attempt";

describe("attempt", () => {
  it("leaves no notice when the call has nothing to say", async () => {
    expect(await attempt(async () => {})).toBeNull();
  });

  it("turns returned text into a notice that it worked", async () => {
    expect(await attempt(async () => "Backed up.")).toEqual({ kind: "ok", text: "Backed up." });
  });

  it("passes a returned notice through as it is", async () => {
    expect(await attempt(async () => ({ kind: "info" as const, text: "Nothing to import." }))).toEqual({ kind: "info", text: "Nothing to import." });
  });

  it("shows Attune's own message for a failed call", async () => {
    const notice = await attempt(async () => {
      throw new AttuneError("busy", "The folder is read-only.");
    });
    expect(notice).toEqual({ kind: "error", text: "The folder is read-only." });
  });

  it("lets the view reword a failure it knows by its code", async () => {
    const notice = await attempt(
      async () => {
        throw new AttuneError("wrong_passphrase", "wrong passphrase");
      },
      (message, e) => (e instanceof AttuneError && e.code === "wrong_passphrase" ? "That passphrase does not open this backup." : message),
    );
    expect(notice).toEqual({ kind: "error", text: "That passphrase does not open this backup." });
  });

  it("says something for a failure that is not an Error", async () => {
    const notice = await attempt(async () => Promise.reject("the window closed"));
    expect(notice).toEqual({ kind: "error", text: "the window closed" });
  });
});
