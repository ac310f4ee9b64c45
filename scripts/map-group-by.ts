/// <reference lib="es2024.collection" />
// Vitest 5's reporter calls Map.groupBy (Node ≥ 21) when it prints failures; this machine runs Node 20.
// Without it a failing run crashes the reporter instead of showing what failed.
if (typeof Map.groupBy !== 'function') {
  Map.groupBy = <K, T>(items: Iterable<T>, key: (item: T, index: number) => K): Map<K, T[]> => {
    const groups = new Map<K, T[]>();
    let index = 0;
    for (const item of items) {
      const k = key(item, index++);
      const group = groups.get(k);
      if (group) group.push(item);
      else groups.set(k, [item]);
    }
    return groups;
  };
}
