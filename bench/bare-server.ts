import Fastify from 'fastify';

/**
 * The baseline: Fastify 5 with one JSON route and nothing else (no logger, plugins, database).
 * Started as its own process by bench/run.ts, exactly like the real app, on 127.0.0.1 only.
 */
const app = Fastify({ logger: false });
app.get('/', () => ({ hello: 'world' }));
const port = Number(process.env.PORT ?? 0);
await app.listen({ port, host: '127.0.0.1' });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
// Parent gone (e.g. the bench was interrupted): do not linger.
process.on('disconnect', () => process.exit(0));
