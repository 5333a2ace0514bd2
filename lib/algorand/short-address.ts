/** "ABCDEF…UVWXYZ": an address short enough for a line of text (the full one is shown elsewhere). */
export function shortAddr(address: string): string {
  return address.length > 16 ? `${address.slice(0, 6)}…${address.slice(-6)}` : address;
}
