// The baseline: a bare Fastify route returning fixed bytes, in its own process like the real one.
import Fastify from 'fastify';

const body = process.env.BARE_BODY ?? '{}';
const app = Fastify({ logger: false });
app.get('/bare', async (_request, reply) =>
  reply.header('content-type', 'application/json; charset=utf-8').send(body),
);
app.get('/readyz', async () => ({ status: 'ready' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
