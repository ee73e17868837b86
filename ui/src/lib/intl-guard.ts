// Some systems report the POSIX "C" locale (navigator.language === "C"), which Intl rejects
// with a RangeError. Libraries that pass navigator.language straight to Intl (the chart
// library does, when it loads) would then fail. This makes Intl's formatters fall back to the
// default locale for a tag it cannot use. Imported first, before any other module runs.

function usable(locales: unknown): string | string[] | undefined {
  try {
    Intl.getCanonicalLocales(locales as string | string[] | undefined);
    return locales as string | string[] | undefined;
  } catch {
    return undefined;
  }
}

function guard<T extends object>(ctor: T): T {
  return new Proxy(ctor, {
    construct(target, args) {
      return Reflect.construct(target as unknown as new (...a: unknown[]) => object, [usable(args[0]), ...args.slice(1)]);
    },
    apply(target, self, args) {
      return Reflect.apply(target as unknown as (...a: unknown[]) => unknown, self, [usable(args[0]), ...args.slice(1)]);
    },
  });
}

Intl.NumberFormat = guard(Intl.NumberFormat);
Intl.DateTimeFormat = guard(Intl.DateTimeFormat);

export {};
