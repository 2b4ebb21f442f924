// One order for names everywhere: by UTF-16 code unit, the same in every locale (localeCompare
// would make "byte-identical output" hold only within one locale).
export const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
