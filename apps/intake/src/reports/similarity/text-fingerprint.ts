// Near-duplicate detection for Chinese report texts (pure, deterministic, no I/O).
//
// text → normalised (NFKC, lower case; links, @mentions, repost chains and #话题# tags dropped) → words
// (Intl.Segmenter 'zh', word granularity; punctuation and stop-words dropped; words longer than two characters also
// contribute their character bigrams, so 暖气不热 and 暖气|不|热 still meet) → a set of features → a MinHash signature
// of MINHASH_SIZE 32-bit slots. The share of equal slots of two signatures estimates the Jaccard similarity of their
// feature sets (standard error √(J(1−J)/MINHASH_SIZE) ≈ 0.043 around the threshold).

/**
 * Two reports are near-duplicates when the estimated Jaccard similarity of their feature sets is at least this.
 * Measured on near-duplicates.examples.ts (22 reports at 3 places; text-fingerprint.spec.ts recomputes it):
 * - 19 pairs of one matter (reposts with tags, re-punctuated texts, hotline/forum paraphrases): exact 0.375–0.92;
 *   18 of them ≥ 0.40; the one below is a hashtag-only Weibo post vs a hotline transcript (0.375 exact, 0.36 MinHash).
 * - 57 pairs of different matters at the same place (same compound, same factory, same school, even heating at the
 *   neighbouring compound): at most 0.33 exact, 0.28 MinHash.
 * 0.40 gives 0 false groupings and 1 missed pair of 76. We prefer missing a pair to merging two matters: a merged
 * matter disappears inside another case, a missed one stays visible as its own case. MinHash's error means a pair
 * within ~0.05 of the threshold can fall either way; place and time window must agree as well before text groups.
 */
export const NEAR_DUPLICATE_THRESHOLD = 0.4;

/** Slots of a MinHash signature (128 × 4 bytes = 512 bytes stored per report). */
export const MINHASH_SIZE = 128;

/** Fewer features than this give no fingerprint (a text of two words says too little to group on). */
export const MIN_FEATURES = 4;

/**
 * Function words, filler and the boilerplate reposts and hotline transcripts add (转发, 网友反映, 来电反映…), which
 * say nothing about the matter. Negations (不, 没有) and numbers stay: they change the matter.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    '的 地 得 了 着 过 吗 呢 吧 啊 呀 哦 嘛 啦 哈 哎 是 在 和 与 及 以及 或 或者 也 都 就 还 又 而 但 但是 把 被 让 给 对 从 向 ' +
    '这 那 这个 那个 这些 那些 这里 那里 这样 那样 我 你 您 他 她 它 我们 你们 他们 她们 大家 自己 一个 一些 有些 什么 怎么 ' +
    '很 太 非常 特别 比较 真的 已经 一直在 目前 现在 今天 昨天 近日 近期 日前 ' +
    '转发 转 网友 网民 反映 来电 来电人 市民 群众 称 表示 据悉 请 请求 恳请 有关 有关部门 相关 相关部门 部门 希望 尽快 处理 解决 关注 重视 ' +
    '微博 原文 图片 视频 链接 网页 全文'
  ).split(/\s+/),
);

const SEGMENTER = new Intl.Segmenter('zh', { granularity: 'word' });

/** NFKC (full-width → half-width), lower case, and the parts of a post that are not its text removed. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\/\/@[^:：\s]{1,40}[:：][^\n]*/g, ' ') // repost chain "//@某人: 评论…"
    .replace(/@[\p{L}\p{N}_-]{1,40}/gu, ' ') // mentions
    .replace(/#[^#\n]{1,40}#/g, ' ') // 话题 tags
    .replace(/[【】[\]]/g, ' ');
}

/** The words of a text that carry its matter, in order. */
export function contentWords(text: string): string[] {
  const words: string[] = [];
  for (const s of SEGMENTER.segment(normalizeText(text))) {
    if (!s.isWordLike) continue; // punctuation, spaces, symbols
    if (STOP_WORDS.has(s.segment)) continue;
    words.push(s.segment);
  }
  return words;
}

/** The feature set MinHash runs over: the words, plus the character bigrams of words longer than two characters. */
export function textFeatures(text: string): Set<string> {
  const features = new Set<string>();
  for (const w of contentWords(text)) {
    features.add(w);
    const chars = [...w];
    if (chars.length > 2) for (let i = 0; i + 1 < chars.length; i++) features.add(chars[i] + chars[i + 1]);
  }
  return features;
}

/** Exact Jaccard similarity of two sets (used to measure the threshold; the service compares signatures). */
export function jaccard<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (!a.size && !b.size) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

/** FNV-1a over the UTF-16 code units, 32 bits. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** murmur3's 32-bit finaliser: a good mix of x ^ seed per slot. */
function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Fixed per-slot seeds (splitmix32 from a constant): the same text gives the same signature on every machine, forever. */
const SEEDS: readonly number[] = (() => {
  const seeds: number[] = [];
  let state = 0x9e3779b9;
  for (let i = 0; i < MINHASH_SIZE; i++) {
    state = (state + 0x9e3779b9) >>> 0;
    seeds.push(mix32(state));
  }
  return seeds;
})();

/**
 * The MinHash signature of a text as MINHASH_SIZE big-endian uint32 (what is stored in intake.reports.text_minhash),
 * or null when the text has fewer than MIN_FEATURES features.
 */
export function textFingerprint(text: string): Buffer | null {
  const features = textFeatures(text);
  if (features.size < MIN_FEATURES) return null;
  const mins = new Array<number>(MINHASH_SIZE).fill(0xffffffff);
  for (const f of features) {
    const h = fnv1a(f);
    for (let i = 0; i < MINHASH_SIZE; i++) {
      const v = mix32(h ^ SEEDS[i]);
      if (v < mins[i]) mins[i] = v;
    }
  }
  const out = Buffer.alloc(MINHASH_SIZE * 4);
  mins.forEach((v, i) => out.writeUInt32BE(v, i * 4));
  return out;
}

/** Estimated Jaccard similarity of two signatures (share of equal slots), 0 when either is missing or malformed. */
export function fingerprintSimilarity(a: Buffer | null, b: Buffer | null): number {
  if (!a || !b || a.length !== MINHASH_SIZE * 4 || b.length !== MINHASH_SIZE * 4) return 0;
  let equal = 0;
  for (let i = 0; i < MINHASH_SIZE * 4; i += 4) if (a.readUInt32BE(i) === b.readUInt32BE(i)) equal++;
  return equal / MINHASH_SIZE;
}

/** The text a report is compared on: title and content (a title repeated in the content adds nothing to a set). */
export function reportText(r: { title: string; content: string }): string {
  return `${r.title}\n${r.content}`;
}
