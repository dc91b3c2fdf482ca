/**
 * A fake OpenAI-compatible server for tests, speaking the real wire protocol: POST
 * /v1/chat/completions (streamed SSE chunks with tool calls, then content and usage) and POST
 * /v1/embeddings. Its "model" calls search_vehicles for a question mentioning SUVs, then writes
 * an answer from the tool result it receives.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeOpenAI { url: string; requests: { path: string; body: Record<string, unknown> }[]; close(): Promise<void> }

async function body(req: IncomingMessage): Promise<Record<string, unknown>> {
  let raw = '';
  for await (const part of req) raw += String(part);
  return JSON.parse(raw || '{}') as Record<string, unknown>;
}

function chunk(delta: Record<string, unknown>, finish: string | null = null, usage?: Record<string, number>) {
  return `data: ${JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1, model: 'fake-model', choices: usage ? [] : [{ index: 0, delta, finish_reason: finish }], ...(usage ? { usage } : {}) })}\n\n`;
}

export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const requests: FakeOpenAI['requests'] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const b = await body(req);
      requests.push({ path: req.url ?? '', body: b });
      if (req.headers.authorization !== 'Bearer test-key') {
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'bad key', type: 'invalid_request_error' } }));
        return;
      }
      if (req.url === '/v1/embeddings') {
        const input = (Array.isArray(b.input) ? b.input : [b.input]) as string[];
        const dims = Number(b.dimensions ?? 256);
        const vec = (text: string) => Array.from({ length: dims }, (_, i) => ((text.length * 31 + i * 7) % 13) / 13 - 0.5);
        // The SDK asks for base64 (little-endian float32) unless told otherwise, as the real API allows.
        const encode = (v: number[]) => (b.encoding_format === 'base64' ? Buffer.from(new Float32Array(v).buffer).toString('base64') : v);
        const data = input.map((text, index) => ({ object: 'embedding', index, embedding: encode(vec(text)) }));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data, model: b.model, usage: { prompt_tokens: input.length, total_tokens: input.length } }));
        return;
      }
      if (req.url !== '/v1/chat/completions') { res.writeHead(404).end(); return; }
      const messages = b.messages as { role: string; content: string | null }[];
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const tool = messages.findLast((m) => m.role === 'tool');
      if (!tool) {
        // Round 1: call the search tool, its arguments split over two chunks as real servers do.
        res.write(chunk({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'search_vehicles', arguments: '{"make":"Toyota","body_type":' } }] }));
        res.write(chunk({ tool_calls: [{ index: 0, function: { arguments: '"suv","price_max":40000}' } }] }));
        res.write(chunk({}, 'tool_calls'));
        res.write(chunk({}, null, { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 }));
      } else {
        const result = (JSON.parse(tool.content ?? '{}') as { data: { total: number; rows: { id: string; price: number }[] } }).data;
        const words = [`Encontré `, `${result.total} `, 'SUVs ', 'Toyota:', ...result.rows.map((r) => `\n/vehicles/${r.id}`)];
        for (const w of words) res.write(chunk({ content: w }));
        res.write(chunk({}, 'stop'));
        res.write(chunk({}, null, { prompt_tokens: 300, completion_tokens: 40, total_tokens: 340 }));
      }
      res.end('data: [DONE]\n\n');
    })();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1`, requests, close: () => new Promise((r) => server.close(() => r())) };
}
