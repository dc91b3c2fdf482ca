/**
 * The local default provider: no model, no download, no key. The shared rule-based parser picks
 * the tool, the SQL tool answers, the shared templates write the answer in the question's language,
 * and the text streams out word by word. Embeddings are hashed n-grams (embed.ts).
 */
import { listedIds, parseQuestion, renderAnswer, sourcesOf } from '@lotbook/shared';
import { embedLocal, LOCAL_EMBEDDING_MODEL } from '../embed.ts';
import type { ChatProvider, ChatTurnInput, ChatTurnResult, Embedder } from './types.ts';

export const LOCAL_CHAT_MODEL = 'lotbook-rules-v1';

export const localEmbedder: Embedder = {
  model: LOCAL_EMBEDDING_MODEL,
  embed: async (texts) => texts.map((t) => embedLocal(t)),
};

/** Splits text into stream tokens: each word with the whitespace before it. */
export function streamTokens(text: string): string[] {
  return text.match(/\s*\S+/g) ?? [];
}

export function localProvider(): ChatProvider {
  return {
    name: 'local',
    embedder: localEmbedder,
    async answer(input: ChatTurnInput): Promise<ChatTurnResult> {
      const vocab = await input.tools.vocabulary();
      const previous = input.previous;
      const parsed = parseQuestion(input.question, vocab, previous?.parsed ?? null, input.lang);
      const result = await input.tools.run(parsed.intent, previous?.listed ?? []);
      const content = renderAnswer(parsed.lang, result);
      const tokens = streamTokens(content);
      for (const t of tokens) input.onToken(t);
      // A detail keeps the list it came from, so "¿y el tercero?" still works after it.
      const detail = parsed.intent.kind === 'vehicle_detail';
      return {
        content,
        sources: sourcesOf(result),
        state: { parsed: detail ? (previous?.parsed ?? parsed) : parsed, listed: detail ? (previous?.listed ?? []) : listedIds(result) },
        tokens_used: tokens.length,
        model_version: `${LOCAL_CHAT_MODEL} (rule-based parser, no LLM) + ${LOCAL_EMBEDDING_MODEL}`,
      };
    },
  };
}
