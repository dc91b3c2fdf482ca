import { startLotbook } from './server.ts';
const s = await startLotbook({ env: { SEED_SCALE: 'large', LOGIN_RATE_LIMIT: '10000', SYNC_MAX_STREAMS_PER_USER: '100' }, timeoutMs: 600_000 });
console.log('URL', s.url);
setInterval(() => {}, 1 << 30);
