import type { ChatLang, ParsedQuestion, SourceRef } from '@lotbook/shared';
import type { ToolRunner } from '../tools.ts';

export interface Embedder {
  /** Named honestly in the answer's model_version. */
  model: string;
  embed(texts: readonly string[]): Promise<number[][]>;
}

/** What a conversation remembers between questions: the last parse and the records it listed. */
export interface ConversationState {
  parsed: ParsedQuestion | null;
  listed: string[];
}

export interface ChatTurnInput {
  question: string;
  /** The caller's UI language, used when the question itself does not tell. */
  lang: ChatLang;
  previous: ConversationState | null;
  history: { role: 'user' | 'assistant'; content: string }[];
  tools: ToolRunner;
  onToken: (text: string) => void;
}

export interface ChatTurnResult {
  content: string;
  sources: SourceRef[];
  state: ConversationState;
  tokens_used: number;
  model_version: string;
}

export interface ChatProvider {
  name: string;
  embedder: Embedder;
  answer(input: ChatTurnInput): Promise<ChatTurnResult>;
}
