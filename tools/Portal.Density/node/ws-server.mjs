// The Node.js baseline of the connection-density benchmark (tools/Portal.Density): a plain `ws` server that keeps every
// connection open and pings it every 15 s, like SignalR's keep-alive, so both sides do the same idle work.
//   node ws-server.mjs PORT
import { WebSocketServer } from 'ws';

const port = Number(process.argv[2] ?? 5099);
const server = new WebSocketServer({ host: '127.0.0.1', port, perMessageDeflate: false });
server.on('connection', socket => socket.on('message', data => socket.send(data)));
setInterval(() => server.clients.forEach(socket => socket.ping()), 15_000);
server.on('listening', () => console.log(`ws server listening on ${port}`));
