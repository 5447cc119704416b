/** How the stack reports progress: one human-readable line at a time, printed by the caller. */
export type StackLog = (line: string) => void;
