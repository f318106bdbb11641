import { useEffect, useState } from 'react';

/** The value once typing has paused for `ms`: a search is not sent (and its read audited) per keystroke. */
export function useDebounced<T>(value: T, ms: number): T {
  const [out, setOut] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setOut(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return out;
}
