// The most characters a message may have; the server enforces the same limit.
export const MAX_LENGTH = 4000;

// The messages of the current conversation, deduplicated by id. Its seq has no
// gaps, so the highest seq up to which nothing is missing is where History resumes.
export function createMessageStore() {
  const byId = new Map();
  const list = () => [...byId.values()];

  return {
    add(message) {
      if (byId.has(message.id)) return false;
      byId.set(message.id, message);
      return true;
    },
    all: () => list().sort((a, b) => a.seq - b.seq),
    lastSeq: () => list().reduce((max, m) => Math.max(max, m.seq), 0),
    syncedSeq() {
      const seqs = new Set(list().map((m) => m.seq));
      let seq = 0;
      while (seqs.has(seq + 1)) seq++;
      return seq;
    },
    unread: (readSeq) => list().filter((m) => m.seq > readSeq && (m.author === "agent" || m.author === "bot")).length,
    clear: () => byId.clear(),
  };
}
