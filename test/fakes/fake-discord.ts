import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  APIEmbed,
  APIGuildMember,
  APIMessage,
  APIRole,
  APIUser,
  GuildMemberFlags,
  RoleFlags,
  UserFlags,
} from 'discord.js';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';

/**
 * A local Discord: the REST API under `/api/v10` and the gateway WebSocket (`/gateway`, resumes at
 * `/resume`) on one 127.0.0.1 port, written from Discord's documentation, the discord.js 14.28.1 /
 * @discordjs/ws 1.2 / @discordjs/rest 2.6 sources and the checked facts in the platform notes.
 *
 * Point a real discord.js `Client` at it with `rest: { api: fake.apiUrl }` and log in with
 * `fake.botToken`; the gateway URL comes from `GET /gateway/bot`. The world (users, guilds, roles,
 * channels, members) starts with the ids in `DISCORD_IDS`; tests add more with `addUser`,
 * `addGuild`, `addChannel`, `addRole`, `addMember`.
 *
 * Behaviour worth knowing (all mirror Discord):
 * - events are filtered by the intents the client identified with (MESSAGE_CREATE needs
 *   GuildMessages/DirectMessages, member events need GuildMembers; guild message content is
 *   blanked without MessageContent unless the message mentions the bot); dropped events are
 *   listed in `droppedEvents`.
 * - the bot's own messages come back as MESSAGE_CREATE/UPDATE/DELETE (set `echoOwnMessages: false`
 *   to stop that), kicks/bans dispatch GUILD_MEMBER_REMOVE and timeouts GUILD_MEMBER_UPDATE.
 * - moderation checks role hierarchy and the bot's permissions (403 50013); sending checks
 *   View Channel/Send Messages (50001/50013), DMs check `blocksDms` (50007), bodies are validated
 *   (50006 empty message, 50035 for lengths: content 2000, embeds, components, modals, commands).
 * - an interaction takes one initial callback (then 400 40060) within `interactionAckWindowMs`
 *   (then 404 10062); follow-ups need an initial callback first (404 10015).
 * - permissions apply channel overwrites in Discord's order (@everyone, the member's roles, the
 *   member), threads taking their parent's; without View Channel a member has nothing there.
 * - a guild of more members than IDENTIFY's `large_threshold` (default 50) is sent `large` with only
 *   the bot's member; op 8 answers with GUILD_MEMBERS_CHUNKs of up to 1000 (`chunk_index`,
 *   `chunk_count`, the request's `nonce`), or RATE_LIMITED after `rateLimitMemberRequests`.
 * - `memberAdd`/`memberRemove`/`memberUpdate`, `setOverwrites`, `roleUpdate`/`roleDelete` change the
 *   world and dispatch GUILD_MEMBER_ADD/REMOVE/UPDATE, CHANNEL_UPDATE, GUILD_ROLE_UPDATE/DELETE.
 */

export const DISCORD_IDS = {
  application: '1100000000000000001',
  bot: '1100000000000000001',
  guild: '1200000000000000001',
  everyoneRole: '1200000000000000001',
  channel: '1300000000000000001',
  adminRole: '1400000000000000001',
  managerRole: '1400000000000000002',
  botRole: '1400000000000000003',
  /** Owns the default guild (every permission, cannot be moderated). */
  owner: '1500000000000000001',
  /** Has the Admin role (ADMINISTRATOR), which sits above the bot's role. */
  admin: '1500000000000000002',
  /** A regular member without roles; the default invoker of interactions and messages. */
  member: '1500000000000000003',
} as const;

/** Gateway intent bits the fake looks at (same values as discord.js `GatewayIntentBits`). */
const INTENT = {
  guilds: 1,
  guildMembers: 1 << 1,
  guildPresences: 1 << 8,
  guildMessages: 1 << 9,
  directMessages: 1 << 12,
  messageContent: 1 << 15,
} as const;

/** Permission bits (same values as discord.js `PermissionFlagsBits`). */
const P = {
  createInvite: 1n << 0n,
  kick: 1n << 1n,
  ban: 1n << 2n,
  administrator: 1n << 3n,
  manageGuild: 1n << 5n,
  addReactions: 1n << 6n,
  view: 1n << 10n,
  send: 1n << 11n,
  manageMessages: 1n << 13n,
  embedLinks: 1n << 14n,
  attachFiles: 1n << 15n,
  readHistory: 1n << 16n,
  connect: 1n << 20n,
  speak: 1n << 21n,
  changeNickname: 1n << 26n,
  useCommands: 1n << 31n,
  manageThreads: 1n << 34n,
  publicThreads: 1n << 35n,
  privateThreads: 1n << 36n,
  sendInThreads: 1n << 38n,
  moderate: 1n << 40n,
} as const;
const ALL_PERMISSIONS = (1n << 51n) - 1n;
const EVERYONE_PERMISSIONS =
  P.createInvite |
  P.addReactions |
  P.view |
  P.send |
  P.embedLinks |
  P.attachFiles |
  P.readHistory |
  P.connect |
  P.speak |
  P.changeNickname |
  P.useCommands |
  P.publicThreads |
  P.sendInThreads;
const BOT_ROLE_PERMISSIONS =
  P.kick | P.ban | P.manageMessages | P.manageThreads | P.privateThreads | P.moderate;
const DM_PERMISSIONS = P.addReactions | P.view | P.send | P.embedLinks | P.attachFiles | P.readHistory;

const CHANNEL = {
  text: 0,
  dm: 1,
  category: 4,
  announcement: 5,
  publicThread: 11,
  privateThread: 12,
} as const;
const MESSAGE_FLAG = { ephemeral: 64, loading: 128, componentsV2: 1 << 15 } as const;
const MAX_TIMEOUT_MS = 28 * 24 * 60 * 60 * 1000;
/** GUILD_MEMBERS_CHUNK carries at most this many members. */
const MEMBERS_PER_CHUNK = 1_000;
const DISCORD_EPOCH = 1_420_070_400_000n;
const API_PREFIX = '/api/v10';
const LOCALES = new Set([
  'id',
  'da',
  'de',
  'en-GB',
  'en-US',
  'es-ES',
  'es-419',
  'fr',
  'hr',
  'it',
  'lt',
  'hu',
  'nl',
  'no',
  'pl',
  'pt-BR',
  'ro',
  'fi',
  'sv-SE',
  'vi',
  'tr',
  'cs',
  'el',
  'bg',
  'ru',
  'uk',
  'hi',
  'th',
  'zh-CN',
  'ja',
  'zh-TW',
  'ko',
]);

type Json = Record<string, unknown>;

export interface FakeUser {
  id: string;
  username: string;
  globalName: string | null;
  bot: boolean;
  /** `POST /channels/{dm}/messages` to this user answers 403 50007. */
  blocksDms: boolean;
  /** The `locale` their interactions carry unless the interaction says otherwise. */
  locale: string;
}

export interface FakeRole {
  id: string;
  guildId: string;
  name: string;
  permissions: bigint;
  position: number;
  managed: boolean;
  botId: string | undefined;
}

export interface FakeChannel {
  id: string;
  /** `null` for DM channels. */
  guildId: string | null;
  name: string;
  type: number;
  parentId: string | null;
  position: number;
  topic: string | null;
  /** DM channels: the other user. */
  recipientId: string | undefined;
  /** Threads: who created it. */
  ownerId: string | undefined;
  /** Permissions taken away from the bot in this channel (a stand-in for overwrites). */
  botDeny: bigint;
  /** The channel's permission overwrites (threads use their parent's). */
  overwrites: FakeOverwrite[];
}

/** A channel permission overwrite: type 0 a role (the guild id is @everyone), type 1 a member. */
export interface FakeOverwrite {
  id: string;
  type: 0 | 1;
  allow: bigint;
  deny: bigint;
}

export interface FakeMember {
  userId: string;
  guildId: string;
  roles: string[];
  nick: string | null;
  joinedAt: string;
  communicationDisabledUntil: string | null;
}

export interface FakeGuild {
  id: string;
  name: string;
  ownerId: string;
  preferredLocale: string;
  roles: Map<string, FakeRole>;
  members: Map<string, FakeMember>;
  bans: Map<string, { reason: string | undefined; deleteMessageSeconds: number }>;
}

export interface UserSpec {
  id?: string;
  username: string;
  globalName?: string | null;
  bot?: boolean;
  blocksDms?: boolean;
  locale?: string;
}

export interface MemberSpec {
  /** An existing user's id, or the id for a new one. */
  id?: string;
  /** Needed when the user does not exist yet (defaults to `user<n>`). */
  username?: string;
  guildId?: string;
  roles?: string[];
  /** Adds the guild's Admin role (ADMINISTRATOR). */
  admin?: boolean;
  nick?: string | null;
  bot?: boolean;
  blocksDms?: boolean;
  locale?: string;
}

export interface UploadedFile {
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

/** One REST request as the fake saw it. `path` is under `/api/v10`, without the query. */
export interface DiscordCall {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The JSON body (or multipart `payload_json`) when it is an object, else `{}`. */
  body: Json;
  /** The parsed body as sent (arrays for command PUTs). */
  rawBody: unknown;
  files: UploadedFile[];
  /** The Authorization header (`Bot <token>`), absent on interaction callbacks and webhooks. */
  auth: string | undefined;
  /** The decoded X-Audit-Log-Reason header. */
  reason: string | undefined;
  headers: Record<string, string>;
  /** The status the fake answered with. */
  status: number;
  response: unknown;
  /** True when no route matched (answered 404 `{ code: 0 }`). */
  unknownRoute: boolean;
  at: number;
}

export interface CannedFailure {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Discord's answers for common failures, ready for `failNext`. */
export const DISCORD_ERRORS = {
  unknownChannel: { status: 404, body: { code: 10003, message: 'Unknown Channel' } },
  unknownMessage: { status: 404, body: { code: 10008, message: 'Unknown Message' } },
  missingAccess: { status: 403, body: { code: 50001, message: 'Missing Access' } },
  cannotSendToUser: { status: 403, body: { code: 50007, message: 'Cannot send messages to this user' } },
  missingPermissions: { status: 403, body: { code: 50013, message: 'Missing Permissions' } },
  serverError: { status: 500, body: { code: 0, message: '500: Internal Server Error' } },
} as const satisfies Record<string, CannedFailure>;

/**
 * A 429 that @discordjs/rest handles by itself: it reads `Retry-After` (seconds, fractions allowed)
 * plus its 50 ms offset, `X-RateLimit-Remaining`/`-Reset-After`/`-Limit`/`-Bucket`/`-Scope`, and
 * `X-RateLimit-Global` (present = global). The default 0.05 s costs about 100 ms per 429.
 */
export function rateLimited(retryAfterSeconds = 0.05, options: { global?: boolean } = {}): CannedFailure {
  const seconds = String(retryAfterSeconds);
  return {
    status: 429,
    headers: {
      'Retry-After': seconds,
      'X-RateLimit-Limit': '5',
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': String(Date.now() / 1000 + retryAfterSeconds),
      'X-RateLimit-Reset-After': seconds,
      'X-RateLimit-Bucket': 'fake-bucket',
      'X-RateLimit-Scope': options.global ? 'global' : 'user',
      ...(options.global ? { 'X-RateLimit-Global': 'true' } : {}),
    },
    body: {
      message: 'You are being rate limited.',
      retry_after: retryAfterSeconds,
      global: !!options.global,
    },
  };
}

export interface FakeDiscordOptions {
  /** The bot token the fake accepts (REST `Authorization: Bot <token>` and IDENTIFY). */
  token?: string;
  /** HELLO's heartbeat_interval; discord.js first beats after a random fraction of it. */
  heartbeatIntervalMs?: number;
  /** Which privileged intents the application has enabled; asking for others closes with 4014. */
  privilegedIntents?: { guildMembers?: boolean; messageContent?: boolean; presences?: boolean };
  /** How long after dispatch an interaction accepts its initial callback (Discord: 3 s). */
  interactionAckWindowMs?: number;
  /** How long an interaction token works for follow-ups and edits (Discord: 15 min). */
  interactionTokenLifetimeMs?: number;
  /** Send MESSAGE_CREATE/UPDATE/DELETE for the bot's own messages, like Discord. */
  echoOwnMessages?: boolean;
  /** Start with the default world of `DISCORD_IDS` (default true). */
  defaultWorld?: boolean;
}

export interface IdentifyRecord {
  token: string;
  intents: number;
  properties: unknown;
  shard: unknown;
  at: number;
}

export interface GatewayFrame {
  op: number;
  d: unknown;
  s: number | null;
  t: string | null;
}

export interface DispatchRecord {
  type: string;
  s: number;
  data: unknown;
}

/** An interaction's initial response as received at `/interactions/{id}/{token}/callback`. */
export interface InteractionCallback {
  interactionId: string;
  /** 4 message, 5 deferred message, 6 deferred update, 7 update, 8 autocomplete, 9 modal. */
  type: number;
  data: Json;
  files: UploadedFile[];
  withResponse: boolean;
  at: number;
}

export interface SentInteraction {
  id: string;
  token: string;
  /** The INTERACTION_CREATE payload as dispatched. */
  payload: Json;
}

export interface InteractionContext {
  /** Invoking user (default `DISCORD_IDS.member`). */
  userId?: string;
  /** `null` for a DM with the bot; default `DISCORD_IDS.guild`. */
  guildId?: string | null;
  /** Default: the guild's first text channel, or the DM channel. */
  channelId?: string;
  /** The user's client locale, e.g. 'en-US', 'zh-CN' (default: the user's `locale`). */
  locale?: string;
  /** Default: the guild's preferred locale. */
  guildLocale?: string;
}

export interface CommandOptionInput {
  name: string;
  /** 1 SUB_COMMAND, 2 SUB_COMMAND_GROUP, 3 STRING, 4 INTEGER, 5 BOOLEAN, 6 USER, 7 CHANNEL, 8 ROLE, 9 MENTIONABLE, 10 NUMBER. */
  type: number;
  value?: string | number | boolean;
  options?: CommandOptionInput[];
  focused?: boolean;
}

export interface CommandInput extends InteractionContext {
  name: string;
  options?: CommandOptionInput[];
  /** Default: the id the command was registered with, else a fresh one. */
  commandId?: string;
  /** 2 APPLICATION_COMMAND (default) or 4 APPLICATION_COMMAND_AUTOCOMPLETE. */
  interactionType?: 2 | 4;
}

export interface ComponentInput extends InteractionContext {
  customId: string;
  /** The message the component is on; default: a stub bot message stored in the channel. */
  messageId?: string;
}

export interface SelectInput extends ComponentInput {
  values: string[];
  /** 3 string (default), 5 user, 6 role, 7 mentionable, 8 channel. */
  componentType?: 3 | 5 | 6 | 7 | 8;
}

export interface ModalSubmitInput extends InteractionContext {
  customId: string;
  /** Text input values by custom id, sent as `{ type: 18, component: { type: 4, custom_id, value } }`. */
  fields?: Record<string, string>;
  /** Raw components instead of `fields` (e.g. legacy `{ type: 1, components: [...] }` rows). */
  components?: Json[];
  /** Set when the modal was opened from a message component. */
  messageId?: string;
}

export interface MessageInput {
  content: string;
  userId?: string;
  channelId?: string;
  /** Extra user ids to mention (ids written as `<@id>` in the content are picked up anyway). */
  mentions?: string[];
  embeds?: APIEmbed[];
  /** Makes it a reply (type 19) to this message. */
  referenceMessageId?: string;
}

export interface RegisteredCommand {
  id: string;
  application_id: string;
  name: string;
  type: number;
  description: string;
  version: string;
  guild_id?: string;
  [key: string]: unknown;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Runs after the response is written (gateway echoes). */
  after?: () => void;
}

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  auth: boolean;
  handler: (params: Record<string, string>, call: DiscordCall) => Reply;
}

interface Failure {
  method: string;
  pattern: RegExp;
  failure: CannedFailure;
  remaining: number;
}

interface Session {
  id: string;
  seq: number;
  intents: number;
  /** IDENTIFY's `large_threshold` (50–250): guilds with more members are sent "large". */
  largeThreshold: number;
  socket: WebSocket | undefined;
  log: GatewayFrame[];
}

interface Connection {
  ws: WebSocket;
  authenticated: boolean;
}

interface InteractionBase {
  guild: FakeGuild | undefined;
  user: FakeUser;
  channelId: string;
  locale: string;
  guildLocale: string | undefined;
}

interface InteractionRecord {
  id: string;
  token: string;
  type: number;
  payload: Json;
  dispatchedAt: number;
  channelId: string;
  userId: string;
  callbacks: InteractionCallback[];
  componentMessageId: string | undefined;
  originalMessageId: string | undefined;
  followUpIds: string[];
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function apiError(status: number, code: number, message: string, errors?: Json): Reply {
  return { status, body: errors ? { code, message, errors } : { code, message } };
}

function addFormError(errors: Json, path: (string | number)[], code: string, message: string): void {
  let node = errors;
  for (const key of path) {
    const next = node[String(key)];
    if (isObject(next)) node = next;
    else {
      const created: Json = {};
      node[String(key)] = created;
      node = created;
    }
  }
  const list = Array.isArray(node._errors) ? node._errors : [];
  list.push({ code, message });
  node._errors = list;
}

function tooLong(errors: Json, path: (string | number)[], value: unknown, max: number): void {
  if (typeof value === 'string' && value.length > max)
    addFormError(errors, path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
}

function pathPattern(path: string | RegExp): RegExp {
  if (path instanceof RegExp) return path;
  const escaped = path
    .split('/')
    .map((segment) =>
      segment === '*' || segment.startsWith(':')
        ? '[^/]+'
        : segment.replace(/[.*+?^${}()|[\]\\]/g, (c) => `\\${c}`),
    )
    .join('/');
  return new RegExp(`^${escaped}$`);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function parseBody(
  raw: Buffer,
  contentType: string | undefined,
): Promise<{ json: unknown; files: UploadedFile[] }> {
  if (raw.length === 0) return { json: undefined, files: [] };
  if (contentType?.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    let json: unknown;
    const files: UploadedFile[] = [];
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') json = JSON.parse(value);
      } else {
        files.push({
          field,
          filename: value.name,
          contentType: value.type,
          data: Buffer.from(await value.arrayBuffer()),
        });
      }
    }
    return { json, files };
  }
  const text = raw.toString('utf8');
  if (contentType?.includes('application/json')) return { json: JSON.parse(text), files: [] };
  return { json: text, files: [] };
}

/** How long Discord remembers an enforced nonce ("a few minutes"). */
const NONCE_WINDOW_MS = 5 * 60_000;

export class FakeDiscord {
  readonly botToken: string;
  readonly applicationId: string = DISCORD_IDS.application;
  readonly botUserId: string = DISCORD_IDS.bot;
  /** Which privileged intents IDENTIFY may ask for; change before `login` to provoke 4014. */
  readonly privilegedIntents: { guildMembers: boolean; messageContent: boolean; presences: boolean };
  interactionAckWindowMs: number;
  interactionTokenLifetimeMs: number;
  echoOwnMessages: boolean;
  readonly heartbeatIntervalMs: number;

  // World.
  readonly users = new Map<string, FakeUser>();
  readonly guilds = new Map<string, FakeGuild>();
  readonly channels = new Map<string, FakeChannel>();

  // Records.
  readonly calls: DiscordCall[] = [];
  readonly identifies: IdentifyRecord[] = [];
  readonly dispatched: DispatchRecord[] = [];
  readonly droppedEvents: { type: string; data: unknown; reason: string }[] = [];
  readonly gatewayReceived: { op: number; d: unknown }[] = [];
  readonly gatewayConnections: { path: string; query: Record<string, string>; at: number }[] = [];
  readonly gatewayCloses: { by: 'fake' | 'client'; code: number; reason: string }[] = [];
  /** Command lists by scope: 'global' or a guild id. */
  readonly registeredCommands = new Map<string, RegisteredCommand[]>();
  /** Internal errors of the fake itself (answered 500); should stay empty. */
  readonly errors: string[] = [];
  /** The retry_after (seconds) of each coming op 8 answered RATE_LIMITED instead of with members. */
  readonly #memberRequestLimits: number[] = [];
  #commandPuts = 0;
  #resumes = 0;
  #heartbeats = 0;

  readonly #messages = new Map<string, APIMessage>();
  readonly #deletedMessages = new Set<string>();
  /** Enforced nonces by channel and nonce: the message each made, and when (Discord keeps them minutes). */
  readonly #nonces = new Map<string, { messageId: string; at: number }>();
  readonly #interactions = new Map<string, InteractionRecord>();
  readonly #interactionsByToken = new Map<string, InteractionRecord>();
  readonly #commandIds = new Map<string, string>();
  readonly #failures: Failure[] = [];
  readonly #routes: Route[] = [];
  readonly #events = new EventEmitter();
  readonly #sockets = new Set<WebSocket>();
  readonly #stopWaiters = new Set<(error: Error) => void>();
  #session: Session | undefined;
  #server: Server | undefined;
  #wss: WebSocketServer | undefined;
  #increment = 0;
  #userCounter = 0;
  port = 0;

  constructor(options: FakeDiscordOptions = {}) {
    this.botToken = options.token ?? 'MTEwMDAwMDAwMDAwMDAwMDAwMQ.fake.discord-bot-token';
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 1_000;
    this.privilegedIntents = {
      guildMembers: options.privilegedIntents?.guildMembers ?? true,
      messageContent: options.privilegedIntents?.messageContent ?? true,
      presences: options.privilegedIntents?.presences ?? true,
    };
    this.interactionAckWindowMs = options.interactionAckWindowMs ?? 3_000;
    this.interactionTokenLifetimeMs = options.interactionTokenLifetimeMs ?? 15 * 60 * 1000;
    this.echoOwnMessages = options.echoOwnMessages ?? true;
    this.#events.setMaxListeners(0);
    this.#defineRoutes();
    this.users.set(DISCORD_IDS.bot, {
      id: DISCORD_IDS.bot,
      username: 'Muster',
      globalName: null,
      bot: true,
      blocksDms: false,
      locale: 'en-US',
    });
    if (options.defaultWorld ?? true) this.#createDefaultWorld();
  }

  /** The value for discord.js's `rest.api` option (discord.js appends `/v10`). */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  get resumeUrl(): string {
    return `ws://127.0.0.1:${this.port}/resume`;
  }

  /** Successful RESUMEs (answered with RESUMED). */
  get resumes(): number {
    return this.#resumes;
  }

  get heartbeats(): number {
    return this.#heartbeats;
  }

  /** How many times a command list was PUT (global or guild). */
  get commandPuts(): number {
    return this.#commandPuts;
  }

  /** The current gateway session id (from READY), if any. */
  get sessionId(): string | undefined {
    return this.#session?.id;
  }

  /** True while a client is identified/resumed on an open socket. */
  get connected(): boolean {
    return this.#session?.socket !== undefined;
  }

  /** REST calls that matched no route. */
  get unknownCalls(): DiscordCall[] {
    return this.calls.filter((c) => c.unknownRoute);
  }

  // ---------------------------------------------------------------------------------------------
  // Lifecycle

  async start(): Promise<void> {
    this.#wss = new WebSocketServer({ noServer: true });
    this.#wss.on('connection', (ws, req) => this.#onConnection(ws, req));
    this.#server = createServer((req, res) => {
      void this.#onRequest(req, res);
    });
    this.#server.on('upgrade', (req, socket, head) => {
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      if (path !== '/gateway' && path !== '/resume') {
        socket.destroy();
        return;
      }
      this.#wss?.handleUpgrade(req, socket, head, (ws) => this.#wss?.emit('connection', ws, req));
    });
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.#server.address() as AddressInfo).port;
  }

  /** Terminates gateway sockets, drops HTTP connections and closes the server. */
  async stop(): Promise<void> {
    for (const reject of [...this.#stopWaiters]) reject(new Error('FakeDiscord stopped'));
    for (const ws of this.#sockets) ws.terminate();
    this.#sockets.clear();
    if (this.#session) this.#session.socket = undefined;
    await new Promise<void>((resolve) => {
      if (!this.#wss) resolve();
      else this.#wss.close(() => resolve());
    });
    await new Promise<void>((resolve) => {
      if (!this.#server) {
        resolve();
        return;
      }
      this.#server.closeAllConnections();
      this.#server.close(() => resolve());
    });
    this.#server = undefined;
    this.#wss = undefined;
  }

  // ---------------------------------------------------------------------------------------------
  // World

  user(id: string): FakeUser {
    const user = this.users.get(id);
    if (!user) throw new Error(`FakeDiscord: no user ${id}`);
    return user;
  }

  guild(id: string = DISCORD_IDS.guild): FakeGuild {
    const guild = this.guilds.get(id);
    if (!guild) throw new Error(`FakeDiscord: no guild ${id}`);
    return guild;
  }

  channel(id: string): FakeChannel {
    const channel = this.channels.get(id);
    if (!channel) throw new Error(`FakeDiscord: no channel ${id}`);
    return channel;
  }

  member(userId: string, guildId: string = DISCORD_IDS.guild): FakeMember | undefined {
    return this.guilds.get(guildId)?.members.get(userId);
  }

  addUser(spec: UserSpec): FakeUser {
    const user: FakeUser = {
      id: spec.id ?? this.#snowflake(),
      username: spec.username,
      globalName: spec.globalName ?? null,
      bot: spec.bot ?? false,
      blocksDms: spec.blocksDms ?? false,
      locale: spec.locale ?? 'en-US',
    };
    this.users.set(user.id, user);
    return user;
  }

  /** A guild with @everyone (id = guild id), an Admin role and the bot as a member with its role. */
  addGuild(
    spec: {
      id?: string;
      name?: string;
      ownerId?: string;
      preferredLocale?: string;
      everyonePermissions?: bigint;
      botPermissions?: bigint;
      botRoleId?: string;
    } = {},
  ): FakeGuild {
    const id = spec.id ?? this.#snowflake();
    const ownerId = spec.ownerId ?? DISCORD_IDS.owner;
    if (!this.users.has(ownerId)) this.addUser({ id: ownerId, username: 'olivia' });
    const guild: FakeGuild = {
      id,
      name: spec.name ?? 'Acme',
      ownerId,
      preferredLocale: spec.preferredLocale ?? 'en-US',
      roles: new Map(),
      members: new Map(),
      bans: new Map(),
    };
    this.guilds.set(id, guild);
    this.addRole({
      id,
      guildId: id,
      name: '@everyone',
      permissions: spec.everyonePermissions ?? EVERYONE_PERMISSIONS,
    });
    const botRole = this.addRole({
      ...(spec.botRoleId ? { id: spec.botRoleId } : {}),
      guildId: id,
      name: 'Muster',
      permissions: spec.botPermissions ?? BOT_ROLE_PERMISSIONS,
      position: 2,
      managed: true,
      botId: DISCORD_IDS.bot,
    });
    this.#putMember(guild, { userId: DISCORD_IDS.bot, roles: [botRole.id] });
    this.#putMember(guild, { userId: ownerId, roles: [] });
    return guild;
  }

  addChannel(spec: {
    id?: string;
    guildId?: string;
    name: string;
    type?: number;
    parentId?: string | null;
    topic?: string | null;
    botDeny?: bigint;
    overwrites?: FakeOverwrite[];
  }): FakeChannel {
    const guildId = spec.guildId ?? DISCORD_IDS.guild;
    this.guild(guildId);
    const channel: FakeChannel = {
      id: spec.id ?? this.#snowflake(),
      guildId,
      name: spec.name,
      type: spec.type ?? CHANNEL.text,
      parentId: spec.parentId ?? null,
      position: [...this.channels.values()].filter((c) => c.guildId === guildId).length,
      topic: spec.topic ?? null,
      recipientId: undefined,
      ownerId: undefined,
      botDeny: spec.botDeny ?? 0n,
      overwrites: (spec.overwrites ?? []).map((o) => ({ ...o })),
    };
    this.channels.set(channel.id, channel);
    return channel;
  }

  addRole(spec: {
    id?: string;
    guildId?: string;
    name: string;
    permissions?: bigint;
    position?: number;
    managed?: boolean;
    botId?: string;
  }): FakeRole {
    const guild = this.guild(spec.guildId ?? DISCORD_IDS.guild);
    const role: FakeRole = {
      id: spec.id ?? this.#snowflake(),
      guildId: guild.id,
      name: spec.name,
      permissions: spec.permissions ?? 0n,
      position: spec.position ?? (spec.id === guild.id ? 0 : 1),
      managed: spec.managed ?? false,
      botId: spec.botId,
    };
    guild.roles.set(role.id, role);
    return role;
  }

  /** Adds (or updates) a member; creates the user when needed. */
  addMember(spec: MemberSpec = {}): FakeMember {
    const guild = this.guild(spec.guildId ?? DISCORD_IDS.guild);
    let user = spec.id ? this.users.get(spec.id) : undefined;
    if (!user) {
      user = this.addUser({
        ...(spec.id ? { id: spec.id } : {}),
        username: spec.username ?? `user${++this.#userCounter}`,
        bot: spec.bot ?? false,
        blocksDms: spec.blocksDms ?? false,
        locale: spec.locale ?? 'en-US',
      });
    } else {
      if (spec.blocksDms !== undefined) user.blocksDms = spec.blocksDms;
      if (spec.locale !== undefined) user.locale = spec.locale;
    }
    const roles = [...(spec.roles ?? [])];
    if (spec.admin) {
      let adminRole = [...guild.roles.values()].find((r) => r.name === 'Admin');
      adminRole ??= this.addRole({
        guildId: guild.id,
        name: 'Admin',
        permissions: P.administrator,
        position: 3,
      });
      roles.push(adminRole.id);
    }
    return this.#putMember(guild, { userId: user.id, roles, nick: spec.nick ?? null });
  }

  /** A member's permissions in a guild, or in a channel with its overwrites, as Discord computes them. */
  permissionsOf(userId: string, guildId: string = DISCORD_IDS.guild, channelId?: string): bigint {
    const guild = this.guild(guildId);
    const member = guild.members.get(userId);
    if (!member) return 0n;
    const channel = channelId ? this.channels.get(channelId) : undefined;
    return this.#permissions(guild, member, channel);
  }

  // ---------------------------------------------------------------------------------------------
  // Records and waiting

  /** Non-deleted messages, optionally in one channel, oldest first. */
  messages(channelId?: string): APIMessage[] {
    return [...this.#messages.values()].filter(
      (m) => !this.#deletedMessages.has(m.id) && (channelId === undefined || m.channel_id === channelId),
    );
  }

  message(id: string): APIMessage | undefined {
    return this.#deletedMessages.has(id) ? undefined : this.#messages.get(id);
  }

  get deletedMessageIds(): string[] {
    return [...this.#deletedMessages];
  }

  /** Accepted initial callbacks of an interaction (rejected attempts are only in `calls`). */
  callbacksFor(interactionId: string): InteractionCallback[] {
    return this.#interactions.get(interactionId)?.callbacks ?? [];
  }

  /** Follow-up messages sent through the interaction's webhook. */
  followUpsFor(interactionId: string): APIMessage[] {
    const record = this.#interactions.get(interactionId);
    return (record?.followUpIds ?? []).flatMap((id) => {
      const message = this.message(id);
      return message ? [message] : [];
    });
  }

  /** The message the interaction's initial response created or updated (`@original`). */
  originalResponse(interactionId: string): APIMessage | undefined {
    const id = this.#interactions.get(interactionId)?.originalMessageId;
    return id ? this.message(id) : undefined;
  }

  callsTo(method: string, path: string | RegExp): DiscordCall[] {
    const pattern = pathPattern(path);
    return this.calls.filter((c) => (method === '*' || c.method === method) && pattern.test(c.path));
  }

  /** Resolves once `condition()` holds; rechecks on every change in the fake and every 25 ms. */
  waitUntil(condition: () => boolean, timeoutMs = 2_000, what = 'a condition'): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const check = (): void => {
        try {
          if (!condition()) return;
        } catch (error) {
          finish();
          reject(error);
          return;
        }
        finish();
        resolve();
      };
      const fail = (error: Error): void => {
        finish();
        reject(error);
      };
      const timer = setTimeout(
        () =>
          fail(
            new Error(
              `FakeDiscord: timed out after ${timeoutMs} ms waiting for ${what}.\n${this.describe()}`,
            ),
          ),
        timeoutMs,
      );
      const poll = setInterval(check, 25);
      const finish = (): void => {
        clearTimeout(timer);
        clearInterval(poll);
        this.#events.off('change', check);
        this.#stopWaiters.delete(fail);
      };
      this.#events.on('change', check);
      this.#stopWaiters.add(fail);
    });
  }

  /** Resolves with the first REST call (already made or coming) that matches. */
  async waitFor(predicate: (call: DiscordCall) => boolean, timeoutMs = 2_000): Promise<DiscordCall> {
    let found: DiscordCall | undefined;
    await this.waitUntil(
      () => {
        found = this.calls.find(predicate);
        return found !== undefined;
      },
      timeoutMs,
      'a matching REST call',
    );
    if (!found) throw new Error('FakeDiscord: unreachable');
    return found;
  }

  /** Resolves with the interaction's accepted initial callback. */
  async waitForCallback(interactionId: string, timeoutMs = 2_000): Promise<InteractionCallback> {
    await this.waitUntil(
      () => this.callbacksFor(interactionId).length > 0,
      timeoutMs,
      `the callback of interaction ${interactionId}`,
    );
    const callback = this.callbacksFor(interactionId)[0];
    if (!callback) throw new Error('FakeDiscord: unreachable');
    return callback;
  }

  /** A summary of recent traffic, for failure messages. */
  describe(): string {
    const recent = this.calls
      .slice(-12)
      .map((c) => `  ${c.method} ${c.path} -> ${c.status}${c.unknownRoute ? ' (unknown route)' : ''}`);
    const events = this.dispatched.slice(-8).map((d) => `  #${d.s} ${d.type}`);
    return [
      `recent REST calls (${this.calls.length} in all):`,
      ...(recent.length ? recent : ['  (none)']),
      `gateway: ${this.connected ? 'connected' : 'not connected'}, identifies=${this.identifies.length}, resumes=${this.#resumes}`,
      'recent dispatches:',
      ...(events.length ? events : ['  (none)']),
      ...(this.errors.length ? ['fake errors:', ...this.errors.map((e) => `  ${e}`)] : []),
    ].join('\n');
  }

  /**
   * The next `times` calls matching `method` ('*' for any) and `path` (under /api/v10; `*` or
   * `:name` segments match one segment, or a RegExp) answer `failure` instead.
   */
  failNext(method: string, path: string | RegExp, failure: CannedFailure, times = 1): void {
    this.#failures.push({
      method: method.toUpperCase(),
      pattern: pathPattern(path),
      failure,
      remaining: times,
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Gateway control

  /**
   * Sends any op 0 event to the connected client (no intent filtering). Events sent while the
   * client is reconnecting are replayed when it resumes. Throws when nobody has identified.
   */
  dispatch(type: string, data: unknown): void {
    if (!this.#session) throw new Error(`FakeDiscord.dispatch(${type}): no gateway session (log in first)`);
    this.#dispatch(type, data);
  }

  /** op 7 RECONNECT; resolves once the client has resumed (op 6 → RESUMED). */
  async reconnect(timeoutMs = 5_000): Promise<void> {
    const socket = this.#session?.socket;
    if (!socket) throw new Error('FakeDiscord.reconnect: no connected gateway session');
    const before = this.#resumes;
    this.#send(socket, { op: 7, d: null, s: null, t: null });
    await this.waitUntil(() => this.#resumes > before, timeoutMs, 'the client to resume after op 7');
  }

  /** Closes the gateway socket with a close code (4000 → discord.js resumes, 1000 → re-identifies). */
  closeGateway(code = 4000, reason = 'Unknown error.'): void {
    const socket = this.#session?.socket;
    if (!socket) throw new Error('FakeDiscord.closeGateway: no connected gateway session');
    this.gatewayCloses.push({ by: 'fake', code, reason });
    socket.close(code, reason);
  }

  /** op 9 INVALID_SESSION. */
  invalidateSession(resumable = false): void {
    const socket = this.#session?.socket;
    if (!socket) throw new Error('FakeDiscord.invalidateSession: no connected gateway session');
    this.#send(socket, { op: 9, d: resumable, s: null, t: null });
  }

  // ---------------------------------------------------------------------------------------------
  // Interactions

  /** A CHAT_INPUT command (type 2, data.type 1); USER/CHANNEL/ROLE option values are resolved. */
  sendCommand(input: CommandInput): SentInteraction {
    const base = this.#interactionBase(input);
    const options = input.options ?? [];
    const resolved = this.#resolveOptions(options, base.guild);
    const scopeKey =
      base.guild && this.#commandIds.has(`${base.guild.id}:1:${input.name}`) ? base.guild.id : 'global';
    const commandId =
      input.commandId ??
      this.#commandIds.get(`${scopeKey}:1:${input.name}`) ??
      this.#commandIdFor('adhoc', 1, input.name);
    const data: Json = {
      id: commandId,
      name: input.name,
      type: 1,
      ...(options.length ? { options } : {}),
      ...(Object.keys(resolved).length ? { resolved } : {}),
      ...(scopeKey !== 'global' ? { guild_id: scopeKey } : {}),
    };
    return this.#sendInteraction(input.interactionType ?? 2, data, base);
  }

  /** A button click (type 3, component_type 2). */
  sendButton(input: ComponentInput): SentInteraction {
    const base = this.#interactionBase(input);
    const message = this.#componentMessage(base.channelId, input.messageId, input.customId);
    return this.#sendInteraction(3, { custom_id: input.customId, component_type: 2 }, base, message);
  }

  /** A select menu choice (type 3, component_type 3/5/6/7/8) with resolved users/roles/channels. */
  sendSelect(input: SelectInput): SentInteraction {
    const base = this.#interactionBase(input);
    const componentType = input.componentType ?? 3;
    const message = this.#componentMessage(base.channelId, input.messageId, input.customId);
    const optionType = { 3: 3, 5: 6, 6: 8, 7: 9, 8: 7 }[componentType];
    const resolved =
      componentType === 3
        ? {}
        : this.#resolveOptions(
            input.values.map((value) => ({ name: 'v', type: optionType, value })),
            base.guild,
          );
    const data: Json = {
      custom_id: input.customId,
      component_type: componentType,
      values: input.values,
      ...(Object.keys(resolved).length ? { resolved } : {}),
    };
    return this.#sendInteraction(3, data, base, message);
  }

  /**
   * A MODAL_SUBMIT (type 5). discord.js 14.28's ModalSubmitInteraction reads `data.components`,
   * each either a label `{ type: 18, id, component: { type: 4, id, custom_id, value } }` or a
   * legacy action row `{ type: 1, components: [{ type: 4, custom_id, value }] }`.
   */
  sendModalSubmit(input: ModalSubmitInput): SentInteraction {
    const base = this.#interactionBase(input);
    let componentId = 0;
    const components =
      input.components ??
      Object.entries(input.fields ?? {}).map(([customId, value]) => ({
        type: 18,
        id: ++componentId,
        component: { type: 4, id: ++componentId, custom_id: customId, value },
      }));
    const message = input.messageId ? this.#componentMessage(base.channelId, input.messageId, '') : undefined;
    return this.#sendInteraction(5, { custom_id: input.customId, components }, base, message);
  }

  /** Any interaction type with hand-made `data`; the common fields are filled in. */
  sendInteraction(
    type: number,
    data: Json,
    context: InteractionContext & { messageId?: string } = {},
  ): SentInteraction {
    const base = this.#interactionBase(context);
    const message = context.messageId
      ? this.#componentMessage(base.channelId, context.messageId, '')
      : undefined;
    return this.#sendInteraction(type, data, base, message);
  }

  /** Makes an interaction's callback window (and token) run out now. */
  expireInteraction(interactionId: string): void {
    const record = this.#interactions.get(interactionId);
    if (!record) throw new Error(`FakeDiscord: no interaction ${interactionId}`);
    record.dispatchedAt = 0;
  }

  // ---------------------------------------------------------------------------------------------
  // Other events

  /** A user's MESSAGE_CREATE in a guild channel (filtered by intents like Discord). */
  sendMessage(input: MessageInput): APIMessage {
    if (!this.#session) throw new Error('FakeDiscord.sendMessage: no gateway session (log in first)');
    const channel = this.channel(input.channelId ?? DISCORD_IDS.channel);
    const author = this.user(input.userId ?? DISCORD_IDS.member);
    if (channel.guildId && !this.guild(channel.guildId).members.has(author.id))
      throw new Error(`FakeDiscord.sendMessage: ${author.id} is not a member of ${channel.guildId}`);
    const message = this.#storeMessage(channel, author, {
      content: input.content,
      embeds: input.embeds ?? [],
      ...(input.referenceMessageId ? { message_reference: { message_id: input.referenceMessageId } } : {}),
    });
    const extra = (input.mentions ?? []).filter((id) => !message.mentions.some((m) => m.id === id));
    for (const id of extra) {
      const user = this.users.get(id);
      if (user) message.mentions.push(this.#userJson(user));
    }
    this.#deliverMessage('MESSAGE_CREATE', message, false);
    return message;
  }

  /** A user's MESSAGE_CREATE in their DM with the bot (no guild_id; needs Partials.Channel). */
  sendDirectMessage(input: { content: string; userId?: string }): APIMessage {
    if (!this.#session) throw new Error('FakeDiscord.sendDirectMessage: no gateway session (log in first)');
    const author = this.user(input.userId ?? DISCORD_IDS.member);
    const channel = this.#dmChannelFor(author.id);
    const message = this.#storeMessage(channel, author, { content: input.content });
    this.#deliverMessage('MESSAGE_CREATE', message, false);
    return message;
  }

  /** Adds a member and sends GUILD_MEMBER_ADD (needs the GuildMembers intent). */
  memberAdd(spec: MemberSpec = {}): FakeMember {
    const member = this.addMember(spec);
    this.#dispatch(
      'GUILD_MEMBER_ADD',
      { ...this.#memberJson(member), guild_id: member.guildId },
      INTENT.guildMembers,
    );
    return member;
  }

  /** Removes a member and sends GUILD_MEMBER_REMOVE (needs the GuildMembers intent). */
  memberRemove(userId: string, guildId: string = DISCORD_IDS.guild): void {
    const guild = this.guild(guildId);
    guild.members.delete(userId);
    this.#dispatch(
      'GUILD_MEMBER_REMOVE',
      { guild_id: guild.id, user: this.#userJson(this.user(userId)) },
      INTENT.guildMembers,
    );
  }

  /** The next `times` REQUEST_GUILD_MEMBERS (op 8) are answered with RATE_LIMITED (opcode 8, `retry_after`, `meta`). */
  rateLimitMemberRequests(times = 1, retryAfterSeconds = 0): void {
    for (let i = 0; i < times; i++) this.#memberRequestLimits.push(retryAfterSeconds);
  }

  /** Adds `count` new members at once (users `user<n>`), e.g. to make a guild large. */
  addMembers(count: number, spec: Omit<MemberSpec, 'id' | 'username'> = {}): FakeMember[] {
    return Array.from({ length: count }, () => this.addMember({ ...spec }));
  }

  /** Changes a member's roles or nickname and sends GUILD_MEMBER_UPDATE (needs the GuildMembers intent). */
  memberUpdate(
    userId: string,
    change: { roles?: string[]; nick?: string | null },
    guildId: string = DISCORD_IDS.guild,
  ): FakeMember {
    const guild = this.guild(guildId);
    const member = guild.members.get(userId);
    if (!member) throw new Error(`FakeDiscord.memberUpdate: ${userId} is not a member of ${guildId}`);
    if (change.roles) member.roles = [...new Set(change.roles)];
    if (change.nick !== undefined) member.nick = change.nick;
    this.#dispatch(
      'GUILD_MEMBER_UPDATE',
      { ...this.#memberJson(member), guild_id: guild.id },
      INTENT.guildMembers,
    );
    return member;
  }

  /** Replaces a channel's permission overwrites and sends CHANNEL_UPDATE (Guilds intent). */
  setOverwrites(channelId: string, overwrites: FakeOverwrite[]): FakeChannel {
    const channel = this.channel(channelId);
    if (!channel.guildId) throw new Error(`FakeDiscord.setOverwrites: ${channelId} is a DM`);
    channel.overwrites = overwrites.map((o) => ({ ...o }));
    this.#dispatch('CHANNEL_UPDATE', this.#channelJson(channel), INTENT.guilds);
    return channel;
  }

  /** Changes a role's permissions and sends GUILD_ROLE_UPDATE (Guilds intent). */
  roleUpdate(
    roleId: string,
    change: { permissions?: bigint; name?: string },
    guildId: string = DISCORD_IDS.guild,
  ): FakeRole {
    const guild = this.guild(guildId);
    const role = guild.roles.get(roleId);
    if (!role) throw new Error(`FakeDiscord.roleUpdate: no role ${roleId} in ${guildId}`);
    if (change.permissions !== undefined) role.permissions = change.permissions;
    if (change.name !== undefined) role.name = change.name;
    this.#dispatch('GUILD_ROLE_UPDATE', { guild_id: guild.id, role: this.#roleJson(role) }, INTENT.guilds);
    return role;
  }

  /**
   * Deletes a role and sends GUILD_ROLE_DELETE (Guilds intent). Members lose it without a
   * GUILD_MEMBER_UPDATE each, and overwrites for it go away, as on Discord.
   */
  roleDelete(roleId: string, guildId: string = DISCORD_IDS.guild): void {
    const guild = this.guild(guildId);
    if (!guild.roles.delete(roleId))
      throw new Error(`FakeDiscord.roleDelete: no role ${roleId} in ${guildId}`);
    for (const member of guild.members.values()) member.roles = member.roles.filter((r) => r !== roleId);
    for (const channel of this.channels.values())
      if (channel.guildId === guild.id)
        channel.overwrites = channel.overwrites.filter((o) => o.id !== roleId);
    this.#dispatch('GUILD_ROLE_DELETE', { guild_id: guild.id, role_id: roleId }, INTENT.guilds);
  }

  /** GUILD_CREATE with the guild's current state, as when the bot joins a guild after READY. */
  announceGuild(guildId: string): void {
    this.dispatch('GUILD_CREATE', this.#guildCreateJson(this.guild(guildId)));
  }

  // ---------------------------------------------------------------------------------------------
  // Internals: world

  #createDefaultWorld(): void {
    this.addUser({ id: DISCORD_IDS.owner, username: 'olivia', globalName: 'Olivia' });
    this.addUser({ id: DISCORD_IDS.admin, username: 'alice', globalName: 'Alice' });
    this.addUser({ id: DISCORD_IDS.member, username: 'bob', globalName: 'Bob' });
    this.addGuild({
      id: DISCORD_IDS.guild,
      name: 'Acme',
      ownerId: DISCORD_IDS.owner,
      botRoleId: DISCORD_IDS.botRole,
    });
    this.addRole({ id: DISCORD_IDS.adminRole, name: 'Admin', permissions: P.administrator, position: 3 });
    this.addRole({ id: DISCORD_IDS.managerRole, name: 'Manager', permissions: P.manageGuild, position: 1 });
    this.addChannel({ id: DISCORD_IDS.channel, name: 'general' });
    this.addMember({ id: DISCORD_IDS.admin, roles: [DISCORD_IDS.adminRole] });
    this.addMember({ id: DISCORD_IDS.member });
  }

  #putMember(guild: FakeGuild, spec: { userId: string; roles: string[]; nick?: string | null }): FakeMember {
    const existing = guild.members.get(spec.userId);
    const member: FakeMember = {
      userId: spec.userId,
      guildId: guild.id,
      roles: [...new Set([...(existing?.roles ?? []), ...spec.roles])],
      nick: spec.nick ?? existing?.nick ?? null,
      joinedAt: existing?.joinedAt ?? new Date().toISOString(),
      communicationDisabledUntil: existing?.communicationDisabledUntil ?? null,
    };
    guild.members.set(spec.userId, member);
    return member;
  }

  #permissions(guild: FakeGuild, member: FakeMember, channel?: FakeChannel): bigint {
    if (guild.ownerId === member.userId) return ALL_PERMISSIONS;
    let permissions = guild.roles.get(guild.id)?.permissions ?? 0n;
    for (const roleId of member.roles) permissions |= guild.roles.get(roleId)?.permissions ?? 0n;
    if (permissions & P.administrator) return ALL_PERMISSIONS;
    if (!channel) return permissions;
    permissions = this.#applyOverwrites(guild, member, channel, permissions);
    if (member.userId === DISCORD_IDS.bot) permissions &= ~channel.botDeny;
    // Without View Channel a member implicitly has no other permission in the channel.
    return permissions & P.view ? permissions : 0n;
  }

  /**
   * Discord's order: @everyone's overwrite, then all the member's role overwrites together (denies,
   * then allows), then the member's own overwrite. A thread takes its parent's overwrites.
   */
  #applyOverwrites(guild: FakeGuild, member: FakeMember, channel: FakeChannel, base: bigint): bigint {
    const isThread = channel.type === CHANNEL.publicThread || channel.type === CHANNEL.privateThread;
    const source = isThread && channel.parentId ? (this.channels.get(channel.parentId) ?? channel) : channel;
    const overwrites = source.overwrites;
    let permissions = base;
    const everyone = overwrites.find((o) => o.type === 0 && o.id === guild.id);
    if (everyone) permissions = (permissions & ~everyone.deny) | everyone.allow;
    let roleDeny = 0n;
    let roleAllow = 0n;
    for (const o of overwrites) {
      if (o.type !== 0 || o.id === guild.id || !member.roles.includes(o.id)) continue;
      roleDeny |= o.deny;
      roleAllow |= o.allow;
    }
    permissions = (permissions & ~roleDeny) | roleAllow;
    const own = overwrites.find((o) => o.type === 1 && o.id === member.userId);
    if (own) permissions = (permissions & ~own.deny) | own.allow;
    return permissions;
  }

  #highestPosition(guild: FakeGuild, member: FakeMember): number {
    return Math.max(0, ...member.roles.map((id) => guild.roles.get(id)?.position ?? 0));
  }

  #dmChannelFor(userId: string): FakeChannel {
    const existing = [...this.channels.values()].find(
      (c) => c.type === CHANNEL.dm && c.recipientId === userId,
    );
    if (existing) return existing;
    const channel: FakeChannel = {
      id: this.#snowflake(),
      guildId: null,
      name: '',
      type: CHANNEL.dm,
      parentId: null,
      position: 0,
      topic: null,
      recipientId: userId,
      ownerId: undefined,
      botDeny: 0n,
      overwrites: [],
    };
    this.channels.set(channel.id, channel);
    return channel;
  }

  #snowflake(): string {
    this.#increment = (this.#increment + 1) & 0xfff;
    const ms = BigInt(Date.now()) - DISCORD_EPOCH;
    return String((ms << 22n) | (1n << 17n) | BigInt(this.#increment));
  }

  #commandIdFor(scope: string, type: number, name: string): string {
    const key = `${scope}:${type}:${name}`;
    let id = this.#commandIds.get(key);
    if (!id) {
      id = this.#snowflake();
      this.#commandIds.set(key, id);
    }
    return id;
  }

  // ---------------------------------------------------------------------------------------------
  // Internals: JSON shapes

  #userJson(user: FakeUser): APIUser {
    return {
      id: user.id,
      username: user.username,
      discriminator: '0',
      global_name: user.globalName,
      avatar: null,
      ...(user.bot ? { bot: true } : {}),
      public_flags: 0 as UserFlags,
    };
  }

  #memberJson(member: FakeMember): APIGuildMember {
    return {
      user: this.#userJson(this.user(member.userId)),
      nick: member.nick,
      avatar: null,
      banner: null,
      roles: [...member.roles],
      joined_at: member.joinedAt,
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0 as GuildMemberFlags,
      pending: false,
      communication_disabled_until: member.communicationDisabledUntil,
    };
  }

  #roleJson(role: FakeRole): APIRole {
    return {
      id: role.id,
      name: role.name,
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      icon: null,
      unicode_emoji: null,
      position: role.position,
      permissions: String(role.permissions),
      managed: role.managed,
      mentionable: false,
      flags: 0 as RoleFlags,
      ...(role.botId ? { tags: { bot_id: role.botId } } : {}),
    };
  }

  #channelJson(channel: FakeChannel): Json {
    const lastMessage = this.messages(channel.id).at(-1)?.id ?? null;
    if (channel.type === CHANNEL.dm) {
      const recipient = this.users.get(channel.recipientId ?? '');
      return {
        id: channel.id,
        type: CHANNEL.dm,
        last_message_id: lastMessage,
        flags: 0,
        recipients: recipient ? [this.#userJson(recipient)] : [],
      };
    }
    const base: Json = {
      id: channel.id,
      type: channel.type,
      guild_id: channel.guildId,
      name: channel.name,
      parent_id: channel.parentId,
      last_message_id: lastMessage,
      rate_limit_per_user: 0,
      flags: 0,
    };
    if (channel.type === CHANNEL.publicThread || channel.type === CHANNEL.privateThread) {
      const now = new Date().toISOString();
      return {
        ...base,
        owner_id: channel.ownerId,
        message_count: this.messages(channel.id).length,
        member_count: 1,
        total_message_sent: this.messages(channel.id).length,
        thread_metadata: {
          archived: false,
          auto_archive_duration: 1440,
          archive_timestamp: now,
          locked: false,
          create_timestamp: now,
        },
      };
    }
    return {
      ...base,
      position: channel.position,
      permission_overwrites: channel.overwrites.map((o) => ({
        id: o.id,
        type: o.type,
        allow: String(o.allow),
        deny: String(o.deny),
      })),
      nsfw: false,
      topic: channel.topic,
    };
  }

  #guildJson(guild: FakeGuild): Json {
    const firstChannel = [...this.channels.values()].find(
      (c) => c.guildId === guild.id && c.type === CHANNEL.text,
    );
    return {
      id: guild.id,
      name: guild.name,
      icon: null,
      splash: null,
      discovery_splash: null,
      banner: null,
      description: null,
      owner_id: guild.ownerId,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles: [...guild.roles.values()].map((r) => this.#roleJson(r)),
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: firstChannel?.id ?? null,
      system_channel_flags: 0,
      rules_channel_id: null,
      public_updates_channel_id: null,
      safety_alerts_channel_id: null,
      max_members: 500_000,
      vanity_url_code: null,
      premium_tier: 0,
      premium_subscription_count: 0,
      premium_progress_bar_enabled: false,
      preferred_locale: guild.preferredLocale,
      nsfw_level: 0,
      nsfw: false,
    };
  }

  /**
   * GUILD_CREATE: a guild of more members than the session's large threshold is "large" and comes
   * with only the bot's own member (Discord sends online members and voice states, and nobody is
   * online here); the others are asked for with op 8.
   */
  #guildCreateJson(guild: FakeGuild): Json {
    const channels = [...this.channels.values()].filter((c) => c.guildId === guild.id);
    const isThread = (c: FakeChannel): boolean =>
      c.type === CHANNEL.publicThread || c.type === CHANNEL.privateThread;
    const large = guild.members.size > (this.#session?.largeThreshold ?? 50);
    const members = [...guild.members.values()].filter((m) => !large || m.userId === DISCORD_IDS.bot);
    return {
      ...this.#guildJson(guild),
      joined_at: guild.members.get(DISCORD_IDS.bot)?.joinedAt ?? new Date().toISOString(),
      large,
      unavailable: false,
      member_count: guild.members.size,
      members: members.map((m) => this.#memberJson(m)),
      channels: channels.filter((c) => !isThread(c)).map((c) => this.#channelJson(c)),
      threads: channels.filter(isThread).map((c) => this.#channelJson(c)),
      voice_states: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  #applicationJson(): Json {
    const bot = this.#userJson(this.user(DISCORD_IDS.bot));
    return {
      id: this.applicationId,
      name: 'Muster',
      icon: null,
      description: '',
      bot_public: false,
      bot_require_code_grant: false,
      verify_key: '0'.repeat(64),
      flags: this.#applicationFlags(),
      team: null,
      owner: this.#userJson(this.user(DISCORD_IDS.owner)),
      bot,
      approximate_guild_count: this.guilds.size,
      integration_types_config: { '0': {} },
    };
  }

  #applicationFlags(): number {
    // GATEWAY_PRESENCE 1<<12, GATEWAY_GUILD_MEMBERS 1<<14, GATEWAY_MESSAGE_CONTENT 1<<18.
    return (
      (this.privilegedIntents.presences ? 1 << 12 : 0) |
      (this.privilegedIntents.guildMembers ? 1 << 14 : 0) |
      (this.privilegedIntents.messageContent ? 1 << 18 : 0)
    );
  }

  // ---------------------------------------------------------------------------------------------
  // Internals: gateway

  #notify(): void {
    this.#events.emit('change');
  }

  #send(ws: WebSocket, frame: GatewayFrame): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  }

  #dispatch(type: string, data: unknown, requiredIntent?: number): boolean {
    const session = this.#session;
    if (!session) {
      this.droppedEvents.push({ type, data, reason: 'no gateway session' });
      this.#notify();
      return false;
    }
    if (requiredIntent !== undefined && (session.intents & requiredIntent) === 0) {
      this.droppedEvents.push({ type, data, reason: `intent ${requiredIntent} not identified` });
      this.#notify();
      return false;
    }
    const frame: GatewayFrame = { op: 0, t: type, s: ++session.seq, d: data };
    session.log.push(frame);
    if (session.log.length > 1_000) session.log.shift();
    this.dispatched.push({ type, s: frame.s ?? 0, data });
    if (session.socket) this.#send(session.socket, frame);
    this.#notify();
    return true;
  }

  #onConnection(ws: WebSocket, req: IncomingMessage): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    this.gatewayConnections.push({
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      at: Date.now(),
    });
    this.#sockets.add(ws);
    const connection: Connection = { ws, authenticated: false };
    ws.on('message', (data) => this.#onGatewayMessage(connection, data));
    ws.on('error', (error) => this.errors.push(`gateway socket: ${error.message}`));
    ws.on('close', (code, reason) => {
      this.#sockets.delete(ws);
      this.gatewayCloses.push({ by: 'client', code, reason: reason.toString() });
      if (this.#session?.socket === ws) this.#session.socket = undefined;
      this.#notify();
    });
    this.#send(ws, { op: 10, d: { heartbeat_interval: this.heartbeatIntervalMs }, s: null, t: null });
    this.#notify();
  }

  #onGatewayMessage(connection: Connection, raw: RawData): void {
    let payload: { op?: unknown; d?: unknown };
    try {
      payload = JSON.parse(String(raw)) as { op?: unknown; d?: unknown };
    } catch {
      connection.ws.close(4002, 'Error while decoding payload.');
      return;
    }
    const op = typeof payload.op === 'number' ? payload.op : -1;
    this.gatewayReceived.push({ op, d: payload.d });
    switch (op) {
      case 1:
        this.#heartbeats++;
        this.#send(connection.ws, { op: 11, d: null, s: null, t: null });
        break;
      case 2:
        this.#identify(connection, isObject(payload.d) ? payload.d : {});
        break;
      case 6:
        this.#resume(connection, isObject(payload.d) ? payload.d : {});
        break;
      case 8:
        this.#requestMembers(isObject(payload.d) ? payload.d : {});
        break;
      case 3:
      case 4:
        break;
      default:
        this.#closeBy(connection.ws, 4001, 'Unknown opcode.');
    }
    this.#notify();
  }

  #closeBy(ws: WebSocket, code: number, reason: string): void {
    this.gatewayCloses.push({ by: 'fake', code, reason });
    ws.close(code, reason);
  }

  #identify(connection: Connection, d: Json): void {
    const intents = typeof d.intents === 'number' ? d.intents : 0;
    const token = str(d.token) ?? '';
    this.identifies.push({ token, intents, properties: d.properties, shard: d.shard, at: Date.now() });
    if (connection.authenticated) {
      this.#closeBy(connection.ws, 4005, 'Already authenticated.');
      return;
    }
    if (token !== this.botToken) {
      this.#closeBy(connection.ws, 4004, 'Authentication failed.');
      return;
    }
    const disallowed =
      (!this.privilegedIntents.guildMembers && intents & INTENT.guildMembers) ||
      (!this.privilegedIntents.presences && intents & INTENT.guildPresences) ||
      (!this.privilegedIntents.messageContent && intents & INTENT.messageContent);
    if (disallowed) {
      this.#closeBy(connection.ws, 4014, 'Disallowed intent(s).');
      return;
    }
    connection.authenticated = true;
    const previous = this.#session?.socket;
    if (previous && previous !== connection.ws) previous.terminate();
    const threshold = typeof d.large_threshold === 'number' ? d.large_threshold : 50;
    this.#session = {
      id: randomBytes(16).toString('hex'),
      seq: 0,
      intents,
      largeThreshold: Math.min(250, Math.max(50, threshold)),
      socket: connection.ws,
      log: [],
    };
    this.#dispatch('READY', {
      v: 10,
      user: { ...this.#userJson(this.user(DISCORD_IDS.bot)), verified: true, mfa_enabled: false, flags: 0 },
      guilds: [...this.guilds.keys()].map((id) => ({ id, unavailable: true })),
      session_id: this.#session.id,
      session_type: 'normal',
      resume_gateway_url: this.resumeUrl,
      shard: Array.isArray(d.shard) ? d.shard : [0, 1],
      application: { id: this.applicationId, flags: this.#applicationFlags() },
      private_channels: [],
      relationships: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      user_settings: {},
    });
    for (const guild of this.guilds.values()) this.#dispatch('GUILD_CREATE', this.#guildCreateJson(guild));
  }

  #resume(connection: Connection, d: Json): void {
    const session = this.#session;
    if (!session || d.session_id !== session.id || d.token !== this.botToken) {
      this.#send(connection.ws, { op: 9, d: false, s: null, t: null });
      return;
    }
    connection.authenticated = true;
    const previous = session.socket;
    if (previous && previous !== connection.ws) previous.terminate();
    session.socket = connection.ws;
    const seq = typeof d.seq === 'number' ? d.seq : 0;
    for (const frame of session.log) if ((frame.s ?? 0) > seq) this.#send(connection.ws, frame);
    this.#dispatch('RESUMED', {});
    this.#resumes++;
  }

  #requestMembers(d: Json): void {
    const guild = this.guilds.get(str(d.guild_id) ?? '');
    if (!guild) return;
    if (this.#memberRequestLimits.length) {
      const retryAfter = this.#memberRequestLimits.shift() ?? 0;
      this.#dispatch('RATE_LIMITED', {
        opcode: 8,
        retry_after: retryAfter,
        meta: { guild_id: guild.id, ...(d.nonce !== undefined ? { nonce: d.nonce } : {}) },
      });
      return;
    }
    const query = str(d.query)?.toLowerCase();
    const ids = Array.isArray(d.user_ids)
      ? d.user_ids.map(String)
      : typeof d.user_ids === 'string'
        ? [d.user_ids]
        : [];
    const limit = typeof d.limit === 'number' && d.limit > 0 ? d.limit : Number.POSITIVE_INFINITY;
    const members = [...guild.members.values()]
      .filter((m) => {
        if (ids.length) return ids.includes(m.userId);
        if (query) return this.user(m.userId).username.toLowerCase().startsWith(query);
        return true;
      })
      .slice(0, limit);
    const count = Math.max(1, Math.ceil(members.length / MEMBERS_PER_CHUNK));
    for (let index = 0; index < count; index++) {
      const chunk = members.slice(index * MEMBERS_PER_CHUNK, (index + 1) * MEMBERS_PER_CHUNK);
      this.#dispatch('GUILD_MEMBERS_CHUNK', {
        guild_id: guild.id,
        members: chunk.map((m) => this.#memberJson(m)),
        chunk_index: index,
        chunk_count: count,
        ...(index === 0 && ids.length ? { not_found: ids.filter((id) => !guild.members.has(id)) } : {}),
        ...(d.nonce !== undefined ? { nonce: d.nonce } : {}),
      });
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Internals: messages

  #storeMessage(
    channel: FakeChannel,
    author: FakeUser,
    body: Json,
    files: UploadedFile[] = [],
    extra: Partial<APIMessage> = {},
  ): APIMessage {
    const id = this.#snowflake();
    const content = str(body.content) ?? '';
    const mentionIds = [...content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1] ?? '');
    const mentions = [...new Set(mentionIds)].flatMap((uid) => {
      const user = this.users.get(uid);
      return user ? [this.#userJson(user)] : [];
    });
    const reference = isObject(body.message_reference) ? body.message_reference : undefined;
    const referenced = reference ? this.message(str(reference.message_id) ?? '') : undefined;
    const message: APIMessage = {
      id,
      channel_id: channel.id,
      author: this.#userJson(author),
      content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: body.tts === true,
      mention_everyone: false,
      mentions,
      mention_roles: [...content.matchAll(/<@&(\d+)>/g)].map((m) => m[1] ?? ''),
      attachments: files.map((file, index) => {
        const attachmentId = this.#snowflake();
        const described = asArray(body.attachments).find(
          (a) => isObject(a) && String(a.id) === String(index),
        );
        return {
          id: attachmentId,
          filename: file.filename,
          size: file.data.length,
          content_type: file.contentType,
          url: `http://127.0.0.1:${this.port}/attachments/${channel.id}/${attachmentId}/${file.filename}`,
          proxy_url: `http://127.0.0.1:${this.port}/attachments/${channel.id}/${attachmentId}/${file.filename}`,
          ...(isObject(described) && typeof described.description === 'string'
            ? { description: described.description }
            : {}),
        };
      }),
      embeds: asArray(body.embeds) as APIEmbed[],
      components: asArray(body.components) as APIMessage['components'],
      pinned: false,
      type: referenced ? 19 : 0,
      flags: typeof body.flags === 'number' ? body.flags : 0,
      ...(referenced
        ? {
            message_reference: { type: 0, message_id: referenced.id, channel_id: referenced.channel_id },
            referenced_message: referenced,
          }
        : {}),
      ...extra,
    };
    this.#messages.set(id, message);
    this.#notify();
    return message;
  }

  #deliverMessage(type: 'MESSAGE_CREATE' | 'MESSAGE_UPDATE', message: APIMessage, own: boolean): void {
    if (own && !this.echoOwnMessages) return;
    if ((message.flags ?? 0) & MESSAGE_FLAG.ephemeral) return;
    const channel = this.channels.get(message.channel_id);
    if (!channel) return;
    const session = this.#session;
    const guild = channel.guildId ? this.guilds.get(channel.guildId) : undefined;
    // `channel_type` matters: discord.js builds the partial DM channel from it (without it, DMs are dropped).
    let payload: Json = { ...message, channel_type: channel.type };
    if (guild) {
      const member = guild.members.get(message.author.id);
      const { user: _user, ...memberWithoutUser } = member ? this.#memberJson(member) : { user: undefined };
      payload = {
        ...payload,
        guild_id: guild.id,
        ...(member ? { member: memberWithoutUser } : {}),
        mentions: message.mentions.map((u) => {
          const m = guild.members.get(u.id);
          if (!m) return u;
          const { user: _mentioned, ...rest } = this.#memberJson(m);
          return { ...u, member: rest };
        }),
      };
      const mentionsBot = message.mentions.some((u) => u.id === DISCORD_IDS.bot);
      if (
        session &&
        (session.intents & INTENT.messageContent) === 0 &&
        message.author.id !== DISCORD_IDS.bot &&
        !mentionsBot
      ) {
        payload = { ...payload, content: '', embeds: [], attachments: [], components: [] };
      }
    }
    this.#dispatch(type, payload, guild ? INTENT.guildMessages : INTENT.directMessages);
  }

  #deliverDelete(message: APIMessage): void {
    if (!this.echoOwnMessages && message.author.id === DISCORD_IDS.bot) return;
    if ((message.flags ?? 0) & MESSAGE_FLAG.ephemeral) return;
    const channel = this.channels.get(message.channel_id);
    this.#dispatch(
      'MESSAGE_DELETE',
      {
        id: message.id,
        channel_id: message.channel_id,
        ...(channel?.guildId ? { guild_id: channel.guildId } : {}),
      },
      channel?.guildId ? INTENT.guildMessages : INTENT.directMessages,
    );
  }

  #editMessage(message: APIMessage, body: Json, files: UploadedFile[]): APIMessage {
    if (typeof body.content === 'string' || body.content === null) message.content = str(body.content) ?? '';
    if (Array.isArray(body.embeds)) message.embeds = body.embeds as APIEmbed[];
    if (Array.isArray(body.components)) message.components = body.components as APIMessage['components'];
    if (typeof body.flags === 'number')
      message.flags =
        (body.flags & ~MESSAGE_FLAG.ephemeral) | ((message.flags ?? 0) & MESSAGE_FLAG.ephemeral);
    if (files.length || Array.isArray(body.attachments)) {
      const kept = asArray(body.attachments).flatMap((a) =>
        isObject(a) ? message.attachments.filter((existing) => existing.id === String(a.id)) : [],
      );
      const added = this.#storeMessage(
        this.channel(message.channel_id),
        this.user(DISCORD_IDS.bot),
        {},
        files,
      );
      this.#messages.delete(added.id);
      message.attachments = [...kept, ...added.attachments];
    }
    message.edited_timestamp = new Date().toISOString();
    this.#notify();
    return message;
  }

  #componentMessage(channelId: string, messageId: string | undefined, customId: string): APIMessage {
    if (messageId) {
      const stored = this.message(messageId);
      if (stored) return stored;
    }
    const channel = this.channel(channelId);
    return this.#storeMessage(channel, this.user(DISCORD_IDS.bot), {
      content: '',
      components: [
        { type: 1, components: [{ type: 2, style: 1, label: 'Go', custom_id: customId || 'stub' }] },
      ],
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Internals: interactions

  #interactionBase(context: InteractionContext): InteractionBase {
    const user = this.user(context.userId ?? DISCORD_IDS.member);
    const guild = context.guildId === null ? undefined : this.guild(context.guildId ?? DISCORD_IDS.guild);
    if (guild && !guild.members.has(user.id))
      throw new Error(`FakeDiscord: user ${user.id} is not a member of guild ${guild.id}`);
    let channelId = context.channelId;
    if (!channelId) {
      if (guild) {
        const first = [...this.channels.values()].find(
          (c) => c.guildId === guild.id && c.type === CHANNEL.text,
        );
        if (!first) throw new Error(`FakeDiscord: guild ${guild.id} has no text channel`);
        channelId = first.id;
      } else channelId = this.#dmChannelFor(user.id).id;
    }
    this.channel(channelId);
    return {
      guild,
      user,
      channelId,
      locale: context.locale ?? user.locale,
      guildLocale: guild ? (context.guildLocale ?? guild.preferredLocale) : undefined,
    };
  }

  #sendInteraction(type: number, data: Json, base: InteractionBase, message?: APIMessage): SentInteraction {
    if (!this.#session) throw new Error('FakeDiscord: no gateway session (log in first)');
    const id = this.#snowflake();
    const token = `aW50ZXJhY3Rpb246${id}:${randomBytes(24).toString('base64url')}`;
    const channel = this.channel(base.channelId);
    const { guild, user } = base;
    const botMember = guild?.members.get(DISCORD_IDS.bot);
    const appPermissions = guild && botMember ? this.#permissions(guild, botMember, channel) : DM_PERMISSIONS;
    const payload: Json = {
      id,
      application_id: this.applicationId,
      type,
      data,
      token,
      version: 1,
      locale: base.locale,
      app_permissions: String(appPermissions),
      entitlements: [],
      authorizing_integration_owners: guild ? { '0': guild.id } : { '0': '0' },
      context: guild ? 0 : 1,
      attachment_size_limit: 10 * 1024 * 1024,
      channel_id: channel.id,
      channel: this.#channelJson(channel),
    };
    if (guild) {
      const member = guild.members.get(user.id);
      if (!member) throw new Error(`FakeDiscord: user ${user.id} is not a member of guild ${guild.id}`);
      payload.guild_id = guild.id;
      payload.guild_locale = base.guildLocale;
      payload.guild = { id: guild.id, locale: guild.preferredLocale, features: [] };
      payload.member = {
        ...this.#memberJson(member),
        permissions: String(this.#permissions(guild, member, channel)),
      };
    } else payload.user = this.#userJson(user);
    if (message) payload.message = message;
    const record: InteractionRecord = {
      id,
      token,
      type,
      payload,
      dispatchedAt: Date.now(),
      channelId: channel.id,
      userId: user.id,
      callbacks: [],
      componentMessageId: message?.id,
      originalMessageId: undefined,
      followUpIds: [],
    };
    this.#interactions.set(id, record);
    this.#interactionsByToken.set(token, record);
    this.#dispatch('INTERACTION_CREATE', payload);
    return { id, token, payload };
  }

  #resolveOptions(options: CommandOptionInput[], guild: FakeGuild | undefined): Json {
    const users: Json = {};
    const members: Json = {};
    const roles: Json = {};
    const channels: Json = {};
    const walk = (list: CommandOptionInput[]): void => {
      for (const option of list) {
        if (option.options) walk(option.options);
        const id = String(option.value ?? '');
        if (option.type === 6 || option.type === 9) {
          const user = this.users.get(id);
          if (user) {
            users[id] = this.#userJson(user);
            const member = guild?.members.get(id);
            if (guild && member) {
              const { user: _user, ...rest } = this.#memberJson(member);
              members[id] = { ...rest, permissions: String(this.#permissions(guild, member)) };
            }
          }
        }
        if ((option.type === 8 || option.type === 9) && guild?.roles.has(id)) {
          const role = guild.roles.get(id);
          if (role) roles[id] = this.#roleJson(role);
        }
        if (option.type === 7) {
          const channel = this.channels.get(id);
          if (channel) {
            const json = this.#channelJson(channel);
            channels[id] = {
              id,
              name: json.name,
              type: json.type,
              parent_id: json.parent_id,
              ...(channel.type === CHANNEL.publicThread ? { thread_metadata: json.thread_metadata } : {}),
              permissions: String(
                guild ? this.permissionsOf(this.botUserId, guild.id, channel.id) : DM_PERMISSIONS,
              ),
            };
          }
        }
      }
    };
    walk(options);
    const resolved: Json = {};
    if (Object.keys(users).length) resolved.users = users;
    if (Object.keys(members).length) resolved.members = members;
    if (Object.keys(roles).length) resolved.roles = roles;
    if (Object.keys(channels).length) resolved.channels = channels;
    return resolved;
  }

  // ---------------------------------------------------------------------------------------------
  // Internals: HTTP

  async #onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let reply: Reply;
    try {
      const raw = await readBody(req);
      reply = await this.#handle(req, raw);
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      this.errors.push(`${req.method} ${req.url}: ${message}`);
      reply = { status: 500, body: { code: 0, message: `500: FakeDiscord error: ${String(error)}` } };
    }
    if (reply.body === undefined) res.writeHead(reply.status, reply.headers ?? {}).end();
    else
      res
        .writeHead(reply.status, { 'content-type': 'application/json', ...(reply.headers ?? {}) })
        .end(JSON.stringify(reply.body));
    reply.after?.();
  }

  async #handle(req: IncomingMessage, raw: Buffer): Promise<Reply> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const { json, files } = await parseBody(raw, req.headers['content-type']);
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(req.headers))
      if (typeof value === 'string') headers[key] = value;
    const reasonHeader = req.headers['x-audit-log-reason'];
    const path = url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) : url.pathname;
    const call: DiscordCall = {
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      body: isObject(json) ? json : {},
      rawBody: json,
      files,
      auth: req.headers.authorization,
      reason: typeof reasonHeader === 'string' ? decodeURIComponent(reasonHeader) : undefined,
      headers,
      status: 0,
      response: undefined,
      unknownRoute: false,
      at: Date.now(),
    };
    this.calls.push(call);
    const reply = this.#answer(call, url.pathname.startsWith(API_PREFIX));
    call.status = reply.status;
    call.response = reply.body;
    this.#notify();
    return reply;
  }

  #answer(call: DiscordCall, underApi: boolean): Reply {
    const failureIndex = this.#failures.findIndex(
      (f) => (f.method === '*' || f.method === call.method) && f.pattern.test(call.path),
    );
    const failure = this.#failures[failureIndex];
    if (failure) {
      failure.remaining--;
      if (failure.remaining <= 0) this.#failures.splice(failureIndex, 1);
      return {
        status: failure.failure.status,
        body: failure.failure.body,
        headers: failure.failure.headers ?? {},
      };
    }
    if (underApi) {
      let pathMatched = false;
      for (const route of this.#routes) {
        const match = route.pattern.exec(call.path);
        if (!match) continue;
        pathMatched = true;
        if (route.method !== call.method) continue;
        if (route.auth && call.auth !== `Bot ${this.botToken}`) return apiError(401, 0, '401: Unauthorized');
        const params: Record<string, string> = {};
        route.keys.forEach((key, i) => {
          params[key] = decodeURIComponent(match[i + 1] ?? '');
        });
        return route.handler(params, call);
      }
      if (pathMatched) return apiError(405, 0, '405: Method Not Allowed');
    }
    call.unknownRoute = true;
    return apiError(404, 0, '404: Not Found');
  }

  #on(method: string, template: string, handler: Route['handler'], auth = true): void {
    const keys: string[] = [];
    const source = template.replace(/:(\w+)/g, (_, key: string) => {
      keys.push(key);
      return '([^/]+)';
    });
    this.#routes.push({ method, pattern: new RegExp(`^${source}$`), keys, auth, handler });
  }

  #defineRoutes(): void {
    const ok = (body?: unknown, after?: () => void): Reply => ({
      status: body === undefined ? 204 : 200,
      body,
      ...(after ? { after } : {}),
    });
    const gateway = (): Reply =>
      ok({
        url: this.gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
      });
    this.#on('GET', '/gateway/bot', gateway);
    this.#on('GET', '/gateway', () => ok({ url: this.gatewayUrl }), false);
    this.#on('GET', '/users/@me', () =>
      ok({ ...this.#userJson(this.user(DISCORD_IDS.bot)), verified: true }),
    );
    this.#on('GET', '/users/:user', (p) => {
      const user = this.users.get(p.user ?? '');
      return user ? ok(this.#userJson(user)) : apiError(404, 10013, 'Unknown User');
    });
    this.#on('GET', '/applications/@me', () => ok(this.#applicationJson()));
    this.#on('GET', '/oauth2/applications/@me', () => ok(this.#applicationJson()));

    // Application commands.
    const commandsRoute = (scope: (p: Record<string, string>) => string | Reply) => ({
      get: (p: Record<string, string>): Reply => {
        const key = scope(p);
        if (typeof key !== 'string') return key;
        return ok(this.registeredCommands.get(key) ?? []);
      },
      put: (p: Record<string, string>, call: DiscordCall): Reply => {
        const key = scope(p);
        if (typeof key !== 'string') return key;
        if (!Array.isArray(call.rawBody))
          return apiError(400, 50035, 'Invalid Form Body', {
            _errors: [{ code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' }],
          });
        const invalid = this.#validateCommands(call.rawBody);
        if (invalid) return invalid;
        this.#commandPuts++;
        const list = call.rawBody.filter(isObject).map((c) => this.#registerCommand(key, c));
        this.registeredCommands.set(key, list);
        return ok(list);
      },
      post: (p: Record<string, string>, call: DiscordCall): Reply => {
        const key = scope(p);
        if (typeof key !== 'string') return key;
        const invalid = this.#validateCommands([call.body]);
        if (invalid) return invalid;
        const command = this.#registerCommand(key, call.body);
        const list = (this.registeredCommands.get(key) ?? []).filter(
          (c) => !(c.name === command.name && c.type === command.type),
        );
        this.registeredCommands.set(key, [...list, command]);
        return { status: 201, body: command };
      },
    });
    const global = commandsRoute((p) =>
      p.app === this.applicationId ? 'global' : apiError(403, 50001, 'Missing Access'),
    );
    const guild = commandsRoute((p) => {
      if (p.app !== this.applicationId) return apiError(403, 50001, 'Missing Access');
      return this.guilds.has(p.guild ?? '') ? (p.guild ?? '') : apiError(403, 50001, 'Missing Access');
    });
    this.#on('GET', '/applications/:app/commands', global.get);
    this.#on('PUT', '/applications/:app/commands', global.put);
    this.#on('POST', '/applications/:app/commands', global.post);
    this.#on('GET', '/applications/:app/guilds/:guild/commands', guild.get);
    this.#on('PUT', '/applications/:app/guilds/:guild/commands', guild.put);
    this.#on('POST', '/applications/:app/guilds/:guild/commands', guild.post);

    // Interactions.
    this.#on('POST', '/interactions/:id/:token/callback', (p, call) => this.#callback(p, call), false);
    this.#on('POST', '/webhooks/:app/:token', (p, call) => this.#followUp(p, call), false);
    this.#on(
      'GET',
      '/webhooks/:app/:token/messages/:message',
      (p, call) => this.#webhookMessage(p, call),
      false,
    );
    this.#on(
      'PATCH',
      '/webhooks/:app/:token/messages/:message',
      (p, call) => this.#webhookMessage(p, call),
      false,
    );
    this.#on(
      'DELETE',
      '/webhooks/:app/:token/messages/:message',
      (p, call) => this.#webhookMessage(p, call),
      false,
    );

    // DMs and channels.
    this.#on('POST', '/users/@me/channels', (_p, call) => {
      const user = this.users.get(str(call.body.recipient_id) ?? '');
      if (!user || user.id === DISCORD_IDS.bot) return apiError(400, 50033, 'Invalid Recipient(s)');
      return ok(this.#channelJson(this.#dmChannelFor(user.id)));
    });
    this.#on('GET', '/channels/:channel', (p) => {
      const channel = this.channels.get(p.channel ?? '');
      return channel ? ok(this.#channelJson(channel)) : apiError(404, 10003, 'Unknown Channel');
    });
    this.#on('POST', '/channels/:channel/typing', (p) =>
      this.channels.has(p.channel ?? '') ? ok() : apiError(404, 10003, 'Unknown Channel'),
    );
    this.#on('GET', '/channels/:channel/messages', (p, call) => {
      const channel = this.channels.get(p.channel ?? '');
      if (!channel) return apiError(404, 10003, 'Unknown Channel');
      const limit = Number(call.query.limit ?? 50);
      return ok(this.messages(channel.id).reverse().slice(0, limit));
    });
    this.#on('POST', '/channels/:channel/messages', (p, call) =>
      this.#createChannelMessage(p.channel ?? '', call),
    );
    this.#on('GET', '/channels/:channel/messages/:message', (p) => {
      const message = this.message(p.message ?? '');
      if (!this.channels.has(p.channel ?? '')) return apiError(404, 10003, 'Unknown Channel');
      return message && message.channel_id === p.channel
        ? ok(message)
        : apiError(404, 10008, 'Unknown Message');
    });
    this.#on('PATCH', '/channels/:channel/messages/:message', (p, call) => {
      if (!this.channels.has(p.channel ?? '')) return apiError(404, 10003, 'Unknown Channel');
      const message = this.message(p.message ?? '');
      if (!message || message.channel_id !== p.channel) return apiError(404, 10008, 'Unknown Message');
      if (message.author.id !== DISCORD_IDS.bot)
        return apiError(403, 50005, 'Cannot edit a message authored by another user');
      const invalid = this.#validateMessage(call.body, call.files, false);
      if (invalid) return invalid;
      const edited = this.#editMessage(message, call.body, call.files);
      return ok(edited, () => this.#deliverMessage('MESSAGE_UPDATE', edited, true));
    });
    this.#on('DELETE', '/channels/:channel/messages/:message', (p) => {
      const channel = this.channels.get(p.channel ?? '');
      if (!channel) return apiError(404, 10003, 'Unknown Channel');
      const message = this.message(p.message ?? '');
      if (!message || message.channel_id !== channel.id) return apiError(404, 10008, 'Unknown Message');
      if (message.author.id !== DISCORD_IDS.bot && channel.guildId) {
        const guildRecord = this.guild(channel.guildId);
        const bot = guildRecord.members.get(DISCORD_IDS.bot);
        if (!bot || !(this.#permissions(guildRecord, bot, channel) & P.manageMessages))
          return apiError(403, 50013, 'Missing Permissions');
      } else if (message.author.id !== DISCORD_IDS.bot)
        return apiError(403, 50003, 'Cannot execute action on a DM channel');
      this.#deletedMessages.add(message.id);
      this.#notify();
      return ok(undefined, () => this.#deliverDelete(message));
    });
    this.#on('PUT', '/channels/:channel/messages/:message/reactions/:emoji/@me', (p) => {
      if (!this.channels.has(p.channel ?? '')) return apiError(404, 10003, 'Unknown Channel');
      return this.message(p.message ?? '') ? ok() : apiError(404, 10008, 'Unknown Message');
    });
    this.#on('POST', '/channels/:channel/messages/:message/threads', (p, call) =>
      this.#createThread(p.channel ?? '', p.message, call),
    );
    this.#on('POST', '/channels/:channel/threads', (p, call) =>
      this.#createThread(p.channel ?? '', undefined, call),
    );

    // Guilds and members.
    const withGuild = (p: Record<string, string>, then: (g: FakeGuild) => Reply): Reply => {
      const found = this.guilds.get(p.guild ?? '');
      return found ? then(found) : apiError(404, 10004, 'Unknown Guild');
    };
    this.#on('GET', '/guilds/:guild', (p) =>
      withGuild(p, (g) =>
        ok({
          ...this.#guildJson(g),
          approximate_member_count: g.members.size,
          approximate_presence_count: 0,
        }),
      ),
    );
    this.#on('GET', '/guilds/:guild/channels', (p) =>
      withGuild(p, (g) =>
        ok(
          [...this.channels.values()]
            .filter(
              (c) =>
                c.guildId === g.id && c.type !== CHANNEL.publicThread && c.type !== CHANNEL.privateThread,
            )
            .map((c) => this.#channelJson(c)),
        ),
      ),
    );
    this.#on('GET', '/guilds/:guild/roles', (p) =>
      withGuild(p, (g) => ok([...g.roles.values()].map((r) => this.#roleJson(r)))),
    );
    this.#on('GET', '/guilds/:guild/members', (p, call) =>
      withGuild(p, (g) => {
        const limit = Number(call.query.limit ?? 1);
        const after = BigInt(call.query.after ?? '0');
        return ok(
          [...g.members.values()]
            .filter((m) => BigInt(m.userId) > after)
            .sort((a, b) => (BigInt(a.userId) < BigInt(b.userId) ? -1 : 1))
            .slice(0, limit)
            .map((m) => this.#memberJson(m)),
        );
      }),
    );
    this.#on('GET', '/guilds/:guild/members/search', (p, call) =>
      withGuild(p, (g) => {
        const query = (call.query.query ?? '').toLowerCase();
        const limit = Number(call.query.limit ?? 1);
        return ok(
          [...g.members.values()]
            .filter((m) => {
              const user = this.user(m.userId);
              return [user.username, user.globalName ?? '', m.nick ?? ''].some((n) =>
                n.toLowerCase().startsWith(query),
              );
            })
            .slice(0, limit)
            .map((m) => this.#memberJson(m)),
        );
      }),
    );
    this.#on('GET', '/guilds/:guild/members/:user', (p) =>
      withGuild(p, (g) => {
        const member = g.members.get(p.user === '@me' ? DISCORD_IDS.bot : (p.user ?? ''));
        return member ? ok(this.#memberJson(member)) : apiError(404, 10007, 'Unknown Member');
      }),
    );
    this.#on('PATCH', '/guilds/:guild/members/:user', (p, call) =>
      withGuild(p, (g) => this.#editMember(g, p.user === '@me' ? DISCORD_IDS.bot : (p.user ?? ''), call)),
    );
    this.#on('DELETE', '/guilds/:guild/members/:user', (p) =>
      withGuild(p, (g) => this.#removeMember(g, p.user ?? '', 'kick')),
    );
    this.#on('PUT', '/guilds/:guild/members/:user/roles/:role', (p) =>
      withGuild(p, (g) => this.#changeRole(g, p.user ?? '', p.role ?? '', true)),
    );
    this.#on('DELETE', '/guilds/:guild/members/:user/roles/:role', (p) =>
      withGuild(p, (g) => this.#changeRole(g, p.user ?? '', p.role ?? '', false)),
    );
    this.#on('GET', '/guilds/:guild/bans/:user', (p) =>
      withGuild(p, (g) => {
        const ban = g.bans.get(p.user ?? '');
        const user = this.users.get(p.user ?? '');
        return ban && user
          ? ok({ reason: ban.reason ?? null, user: this.#userJson(user) })
          : apiError(404, 10026, 'Unknown Ban');
      }),
    );
    this.#on('PUT', '/guilds/:guild/bans/:user', (p, call) =>
      withGuild(p, (g) => this.#removeMember(g, p.user ?? '', 'ban', call)),
    );
    this.#on('DELETE', '/guilds/:guild/bans/:user', (p) =>
      withGuild(p, (g) => {
        if (!g.bans.delete(p.user ?? '')) return apiError(404, 10026, 'Unknown Ban');
        this.#notify();
        return ok();
      }),
    );
  }

  // ---------------------------------------------------------------------------------------------
  // Internals: REST handlers

  #createChannelMessage(channelId: string, call: DiscordCall): Reply {
    const channel = this.channels.get(channelId);
    if (!channel) return apiError(404, 10003, 'Unknown Channel');
    if (channel.type === CHANNEL.dm) {
      const recipient = this.users.get(channel.recipientId ?? '');
      if (!recipient || recipient.blocksDms || recipient.bot)
        return apiError(403, 50007, 'Cannot send messages to this user');
    } else if (channel.guildId) {
      const guild = this.guild(channel.guildId);
      const bot = guild.members.get(DISCORD_IDS.bot);
      const permissions = bot ? this.#permissions(guild, bot, channel) : 0n;
      const isThread = channel.type === CHANNEL.publicThread || channel.type === CHANNEL.privateThread;
      if (!(permissions & P.view)) return apiError(403, 50001, 'Missing Access');
      if (!(permissions & (isThread ? P.sendInThreads : P.send)))
        return apiError(403, 50013, 'Missing Permissions');
    }
    const invalid = this.#validateMessage(call.body, call.files, true);
    if (invalid) return invalid;
    const nonce = this.#enforcedNonce(channel.id, call.body);
    if (typeof nonce !== 'string') return nonce;
    const earlier = this.#nonces.get(nonce);
    const existing =
      earlier && Date.now() - earlier.at < NONCE_WINDOW_MS ? this.message(earlier.messageId) : undefined;
    // Discord's enforce_nonce: the same nonce from the same author within minutes returns the first message.
    if (existing) return { status: 200, body: existing };
    const message = this.#storeMessage(channel, this.user(DISCORD_IDS.bot), call.body, call.files);
    if (nonce) this.#nonces.set(nonce, { messageId: message.id, at: Date.now() });
    return { status: 200, body: message, after: () => this.#deliverMessage('MESSAGE_CREATE', message, true) };
  }

  /** The channel-scoped key of an enforced nonce, '' without one, or Discord's answer to a bad one. */
  #enforcedNonce(channelId: string, body: Json): string | Reply {
    if (body.nonce === undefined || body.nonce === null) return '';
    const nonce = String(body.nonce);
    if (nonce.length > 25) {
      const errors: Json = {};
      addFormError(errors, ['nonce'], 'BASE_TYPE_BAD_LENGTH', 'Must be 25 or fewer in length.');
      return apiError(400, 50035, 'Invalid Form Body', errors);
    }
    return body.enforce_nonce === true ? `${channelId}:${nonce}` : '';
  }

  #createThread(channelId: string, messageId: string | undefined, call: DiscordCall): Reply {
    const parent = this.channels.get(channelId);
    if (!parent?.guildId) return apiError(404, 10003, 'Unknown Channel');
    if (messageId && !this.message(messageId)) return apiError(404, 10008, 'Unknown Message');
    const name = str(call.body.name);
    if (!name || name.length > 100) {
      const errors: Json = {};
      addFormError(errors, ['name'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
      return apiError(400, 50035, 'Invalid Form Body', errors);
    }
    const guild = this.guild(parent.guildId);
    const bot = guild.members.get(DISCORD_IDS.bot);
    const type = messageId ? CHANNEL.publicThread : Number(call.body.type ?? CHANNEL.privateThread);
    const needed = type === CHANNEL.privateThread ? P.privateThreads : P.publicThreads;
    if (!bot || !(this.#permissions(guild, bot, parent) & needed))
      return apiError(403, 50013, 'Missing Permissions');
    const thread: FakeChannel = {
      id: messageId ?? this.#snowflake(),
      guildId: parent.guildId,
      name,
      type,
      parentId: parent.id,
      position: 0,
      topic: null,
      recipientId: undefined,
      ownerId: DISCORD_IDS.bot,
      botDeny: 0n,
      overwrites: [],
    };
    this.channels.set(thread.id, thread);
    const json = this.#channelJson(thread);
    this.#notify();
    return {
      status: 201,
      body: json,
      after: () => this.#dispatch('THREAD_CREATE', { ...json, newly_created: true }, INTENT.guilds),
    };
  }

  #editMember(guild: FakeGuild, userId: string, call: DiscordCall): Reply {
    const member = guild.members.get(userId);
    if (!member) return apiError(404, 10007, 'Unknown Member');
    const body = call.body;
    const bot = guild.members.get(DISCORD_IDS.bot);
    const botPermissions = bot ? this.#permissions(guild, bot) : 0n;
    if ('communication_disabled_until' in body) {
      const until = body.communication_disabled_until;
      if (until !== null) {
        const at = Date.parse(String(until));
        if (Number.isNaN(at) || at - Date.now() > MAX_TIMEOUT_MS) {
          const errors: Json = {};
          addFormError(
            errors,
            ['communication_disabled_until'],
            'BASE_TYPE_BAD_TIME',
            'Timeout cannot be longer than 28 days.',
          );
          return apiError(400, 50035, 'Invalid Form Body', errors);
        }
      }
      const targetIsAdmin = (this.#permissions(guild, member) & P.administrator) !== 0n;
      if (!(botPermissions & P.moderate) || targetIsAdmin || !this.#outranks(guild, member))
        return apiError(403, 50013, 'Missing Permissions');
      member.communicationDisabledUntil = until === null ? null : new Date(String(until)).toISOString();
    }
    if ('nick' in body) member.nick = str(body.nick) ?? null;
    if (Array.isArray(body.roles)) member.roles = body.roles.map(String);
    this.#notify();
    const json = this.#memberJson(member);
    return {
      status: 200,
      body: json,
      after: () =>
        this.#dispatch('GUILD_MEMBER_UPDATE', { ...json, guild_id: guild.id }, INTENT.guildMembers),
    };
  }

  #outranks(guild: FakeGuild, target: FakeMember): boolean {
    const bot = guild.members.get(DISCORD_IDS.bot);
    if (!bot || target.userId === guild.ownerId || target.userId === DISCORD_IDS.bot) return false;
    return this.#highestPosition(guild, bot) > this.#highestPosition(guild, target);
  }

  #removeMember(guild: FakeGuild, userId: string, how: 'kick' | 'ban', call?: DiscordCall): Reply {
    const member = guild.members.get(userId);
    const user = this.users.get(userId);
    if (how === 'kick' && !member) return apiError(404, 10007, 'Unknown Member');
    if (!user) return apiError(404, 10013, 'Unknown User');
    const bot = guild.members.get(DISCORD_IDS.bot);
    const needed = how === 'kick' ? P.kick : P.ban;
    if (!bot || !(this.#permissions(guild, bot) & needed)) return apiError(403, 50013, 'Missing Permissions');
    if (member && !this.#outranks(guild, member)) return apiError(403, 50013, 'Missing Permissions');
    if (how === 'ban')
      guild.bans.set(userId, {
        reason: call?.reason,
        deleteMessageSeconds: Number(call?.body.delete_message_seconds ?? 0),
      });
    guild.members.delete(userId);
    this.#notify();
    return {
      status: 204,
      after: () => {
        if (member)
          this.#dispatch(
            'GUILD_MEMBER_REMOVE',
            { guild_id: guild.id, user: this.#userJson(user) },
            INTENT.guildMembers,
          );
      },
    };
  }

  #changeRole(guild: FakeGuild, userId: string, roleId: string, add: boolean): Reply {
    const member = guild.members.get(userId);
    if (!member) return apiError(404, 10007, 'Unknown Member');
    const role = guild.roles.get(roleId);
    if (!role) return apiError(404, 10011, 'Unknown Role');
    const bot = guild.members.get(DISCORD_IDS.bot);
    if (!bot || role.managed || this.#highestPosition(guild, bot) <= role.position)
      return apiError(403, 50013, 'Missing Permissions');
    member.roles = add ? [...new Set([...member.roles, roleId])] : member.roles.filter((r) => r !== roleId);
    this.#notify();
    return {
      status: 204,
      after: () =>
        this.#dispatch(
          'GUILD_MEMBER_UPDATE',
          { ...this.#memberJson(member), guild_id: guild.id },
          INTENT.guildMembers,
        ),
    };
  }

  #callback(p: Record<string, string>, call: DiscordCall): Reply {
    const record = this.#interactions.get(p.id ?? '');
    if (!record || record.token !== p.token) return apiError(404, 10062, 'Unknown interaction');
    if (record.callbacks.length) return apiError(400, 40060, 'Interaction has already been acknowledged.');
    if (Date.now() - record.dispatchedAt > this.interactionAckWindowMs)
      return apiError(404, 10062, 'Unknown interaction');
    const type = Number(call.body.type);
    const data = isObject(call.body.data) ? call.body.data : {};
    const isComponent = record.type === 3 || (record.type === 5 && record.componentMessageId !== undefined);
    const allowed: Record<number, number[]> = { 2: [4, 5, 9], 3: [4, 5, 6, 7, 9], 4: [8], 5: [4, 5, 6, 7] };
    if (!(allowed[record.type] ?? []).includes(type) || ((type === 6 || type === 7) && !isComponent)) {
      const errors: Json = {};
      addFormError(
        errors,
        ['type'],
        'INTERACTION_RESPONSE_TYPE_INVALID',
        'Invalid interaction response type.',
      );
      return apiError(400, 50035, 'Invalid Form Body', errors);
    }
    if (type === 4) {
      const invalid = this.#validateMessage(data, call.files, true);
      if (invalid) return invalid;
    }
    if (type === 7) {
      const invalid = this.#validateMessage(data, call.files, false);
      if (invalid) return invalid;
    }
    if (type === 9) {
      const invalid = this.#validateModal(data);
      if (invalid) return invalid;
    }
    const withResponse = call.query.with_response === 'true';
    record.callbacks.push({
      interactionId: record.id,
      type,
      data,
      files: call.files,
      withResponse,
      at: Date.now(),
    });
    const channel = this.channel(record.channelId);
    let message: APIMessage | undefined;
    let after: (() => void) | undefined;
    const interactionMetadata = {
      id: record.id,
      type: record.type,
      user: this.#userJson(this.user(record.userId)),
      authorizing_integration_owners: record.payload.authorizing_integration_owners,
    };
    if (type === 4 || type === 5) {
      const flags = Number(data.flags ?? 0);
      const created = this.#storeMessage(
        channel,
        this.user(DISCORD_IDS.bot),
        type === 4 ? data : { flags: (flags & MESSAGE_FLAG.ephemeral) | MESSAGE_FLAG.loading },
        type === 4 ? call.files : [],
        {
          type: record.type === 2 ? 20 : 0,
          webhook_id: this.applicationId,
          application_id: this.applicationId,
          interaction_metadata: interactionMetadata as APIMessage['interaction_metadata'],
        },
      );
      message = created;
      record.originalMessageId = created.id;
      after = () => this.#deliverMessage('MESSAGE_CREATE', created, true);
    } else if (type === 6 || type === 7) {
      record.originalMessageId = record.componentMessageId;
      const target = record.componentMessageId ? this.message(record.componentMessageId) : undefined;
      if (type === 7 && target) {
        const edited = this.#editMessage(target, data, call.files);
        message = edited;
        after = () => this.#deliverMessage('MESSAGE_UPDATE', edited, true);
      }
    }
    this.#notify();
    if (!withResponse) return { status: 204, ...(after ? { after } : {}) };
    return {
      status: 200,
      body: {
        interaction: {
          id: record.id,
          type: record.type,
          response_message_id: message?.id,
          response_message_loading: type === 5,
          response_message_ephemeral: ((message?.flags ?? 0) & MESSAGE_FLAG.ephemeral) !== 0,
        },
        ...(message ? { resource: { type, message } } : {}),
      },
      ...(after ? { after } : {}),
    };
  }

  #webhookRecord(p: Record<string, string>): InteractionRecord | Reply {
    if (p.app !== this.applicationId) return apiError(404, 10015, 'Unknown Webhook');
    const record = this.#interactionsByToken.get(p.token ?? '');
    if (!record) return apiError(401, 50027, 'Invalid Webhook Token');
    if (Date.now() - record.dispatchedAt > this.interactionTokenLifetimeMs)
      return apiError(401, 50027, 'Invalid Webhook Token');
    if (record.callbacks.length === 0) return apiError(404, 10015, 'Unknown Webhook');
    return record;
  }

  #followUp(p: Record<string, string>, call: DiscordCall): Reply {
    const record = this.#webhookRecord(p);
    if ('status' in record) return record;
    const invalid = this.#validateMessage(call.body, call.files, true);
    if (invalid) return invalid;
    const message = this.#storeMessage(
      this.channel(record.channelId),
      this.user(DISCORD_IDS.bot),
      call.body,
      call.files,
      {
        webhook_id: this.applicationId,
        application_id: this.applicationId,
      },
    );
    record.followUpIds.push(message.id);
    const after = (): void => this.#deliverMessage('MESSAGE_CREATE', message, true);
    return call.query.wait === 'false' ? { status: 204, after } : { status: 200, body: message, after };
  }

  #webhookMessage(p: Record<string, string>, call: DiscordCall): Reply {
    const record = this.#webhookRecord(p);
    if ('status' in record) return record;
    const id = p.message === '@original' ? record.originalMessageId : p.message;
    const known = id !== undefined && (id === record.originalMessageId || record.followUpIds.includes(id));
    const message = known ? this.message(id) : undefined;
    if (!message) return apiError(404, 10008, 'Unknown Message');
    if (call.method === 'GET') return { status: 200, body: message };
    if (call.method === 'DELETE') {
      this.#deletedMessages.add(message.id);
      this.#notify();
      return { status: 204, after: () => this.#deliverDelete(message) };
    }
    const invalid = this.#validateMessage(call.body, call.files, false);
    if (invalid) return invalid;
    const wasLoading = ((message.flags ?? 0) & MESSAGE_FLAG.loading) !== 0;
    const edited = this.#editMessage(message, call.body, call.files);
    if (wasLoading) edited.flags = (edited.flags ?? 0) & ~MESSAGE_FLAG.loading;
    return { status: 200, body: edited, after: () => this.#deliverMessage('MESSAGE_UPDATE', edited, true) };
  }

  #registerCommand(scope: string, body: Json): RegisteredCommand {
    const type = typeof body.type === 'number' ? body.type : 1;
    const name = str(body.name) ?? '';
    return {
      ...body,
      id: this.#commandIdFor(scope, type, name),
      application_id: this.applicationId,
      name,
      type,
      description: str(body.description) ?? '',
      version: this.#snowflake(),
      default_member_permissions:
        body.default_member_permissions === undefined ? null : body.default_member_permissions,
      nsfw: body.nsfw === true,
      ...(scope !== 'global' ? { guild_id: scope } : {}),
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Internals: validation (the limits Discord enforces that a bot most easily trips over)

  #validateMessage(body: Json, files: UploadedFile[], requireSomething: boolean): Reply | undefined {
    const errors: Json = {};
    const embeds = asArray(body.embeds);
    const components = asArray(body.components);
    const v2 = typeof body.flags === 'number' && (body.flags & MESSAGE_FLAG.componentsV2) !== 0;
    tooLong(errors, ['content'], body.content, 2000);
    if (embeds.length > 10) tooLong(errors, ['embeds'], 'x'.repeat(11), 10);
    let embedChars = 0;
    embeds.forEach((embed, i) => {
      if (!isObject(embed)) return;
      tooLong(errors, ['embeds', i, 'title'], embed.title, 256);
      tooLong(errors, ['embeds', i, 'description'], embed.description, 4096);
      const fields = asArray(embed.fields);
      if (fields.length > 25) tooLong(errors, ['embeds', i, 'fields'], 'x'.repeat(26), 25);
      fields.forEach((field, j) => {
        if (!isObject(field)) return;
        tooLong(errors, ['embeds', i, 'fields', j, 'name'], field.name, 256);
        tooLong(errors, ['embeds', i, 'fields', j, 'value'], field.value, 1024);
        embedChars += (str(field.name)?.length ?? 0) + (str(field.value)?.length ?? 0);
      });
      const footer = isObject(embed.footer) ? embed.footer : {};
      const author = isObject(embed.author) ? embed.author : {};
      tooLong(errors, ['embeds', i, 'footer', 'text'], footer.text, 2048);
      tooLong(errors, ['embeds', i, 'author', 'name'], author.name, 256);
      embedChars +=
        (str(embed.title)?.length ?? 0) +
        (str(embed.description)?.length ?? 0) +
        (str(footer.text)?.length ?? 0) +
        (str(author.name)?.length ?? 0);
    });
    if (embedChars > 6000)
      addFormError(errors, ['embeds'], 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
    if (v2) {
      if (typeof body.content === 'string' && body.content !== '')
        addFormError(
          errors,
          ['content'],
          'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2',
          'The content field cannot be used when using MessageFlags.IS_COMPONENTS_V2',
        );
    } else {
      if (components.length > 5) tooLong(errors, ['components'], 'x'.repeat(6), 5);
      components.forEach((row, i) => {
        if (!isObject(row) || row.type !== 1) {
          addFormError(
            errors,
            ['components', i, 'type'],
            'UNION_TYPE_CHOICES',
            'Value must be an action row (1).',
          );
          return;
        }
        const children = asArray(row.components);
        if (children.length < 1 || children.length > 5)
          addFormError(
            errors,
            ['components', i, 'components'],
            'BASE_TYPE_BAD_LENGTH',
            'Must be between 1 and 5 in length.',
          );
        children.forEach((child, j) => {
          if (!isObject(child)) return;
          tooLong(errors, ['components', i, 'components', j, 'custom_id'], child.custom_id, 100);
          tooLong(errors, ['components', i, 'components', j, 'label'], child.label, 80);
          if (child.type === 2 && child.style !== 5 && child.style !== 6 && !str(child.custom_id))
            addFormError(
              errors,
              ['components', i, 'components', j, 'custom_id'],
              'BASE_TYPE_REQUIRED',
              'This field is required',
            );
          const options = asArray(child.options);
          if (options.length > 25)
            tooLong(errors, ['components', i, 'components', j, 'options'], 'x'.repeat(26), 25);
        });
      });
    }
    if (Object.keys(errors).length) return apiError(400, 50035, 'Invalid Form Body', errors);
    const hasContent = typeof body.content === 'string' && body.content.trim() !== '';
    if (
      requireSomething &&
      !hasContent &&
      embeds.length === 0 &&
      components.length === 0 &&
      files.length === 0 &&
      !body.sticker_ids &&
      !body.poll
    )
      return apiError(400, 50006, 'Cannot send an empty message');
    return undefined;
  }

  #validateModal(data: Json): Reply | undefined {
    const errors: Json = {};
    const title = str(data.title);
    if (!title || title.length > 45)
      addFormError(errors, ['data', 'title'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 45 in length.');
    const customId = str(data.custom_id);
    if (!customId || customId.length > 100)
      addFormError(
        errors,
        ['data', 'custom_id'],
        'BASE_TYPE_BAD_LENGTH',
        'Must be between 1 and 100 in length.',
      );
    const components = asArray(data.components);
    if (components.length < 1 || components.length > 5)
      addFormError(
        errors,
        ['data', 'components'],
        'BASE_TYPE_BAD_LENGTH',
        'Must be between 1 and 5 in length.',
      );
    const checkInput = (input: unknown, path: (string | number)[]): void => {
      if (!isObject(input)) return;
      if (input.type !== 4) return;
      const id = str(input.custom_id);
      if (!id || id.length > 100)
        addFormError(
          errors,
          [...path, 'custom_id'],
          'BASE_TYPE_BAD_LENGTH',
          'Must be between 1 and 100 in length.',
        );
      if (input.style !== 1 && input.style !== 2)
        addFormError(errors, [...path, 'style'], 'BASE_TYPE_CHOICES', 'Value must be one of (1, 2).');
      for (const key of ['min_length', 'max_length'])
        if (typeof input[key] === 'number' && ((input[key] as number) > 4000 || (input[key] as number) < 0))
          addFormError(errors, [...path, key], 'NUMBER_TYPE_MAX', 'Must be 4000 or less.');
      tooLong(errors, [...path, 'value'], input.value, 4000);
      tooLong(errors, [...path, 'placeholder'], input.placeholder, 100);
      tooLong(errors, [...path, 'label'], input.label, 45);
    };
    components.forEach((component, i) => {
      const path = ['data', 'components', i];
      if (!isObject(component)) return;
      if (component.type === 18) {
        const label = str(component.label);
        if (!label || label.length > 45)
          addFormError(
            errors,
            [...path, 'label'],
            'BASE_TYPE_BAD_LENGTH',
            'Must be between 1 and 45 in length.',
          );
        tooLong(errors, [...path, 'description'], component.description, 100);
        if (!isObject(component.component))
          addFormError(errors, [...path, 'component'], 'BASE_TYPE_REQUIRED', 'This field is required');
        checkInput(component.component, [...path, 'component']);
      } else if (component.type === 1) {
        asArray(component.components).forEach((input, j) => {
          checkInput(input, [...path, 'components', j]);
        });
      } else if (component.type !== 10) {
        addFormError(
          errors,
          [...path, 'type'],
          'UNION_TYPE_CHOICES',
          'Value must be a label (18), text display (10) or action row (1).',
        );
      }
    });
    return Object.keys(errors).length ? apiError(400, 50035, 'Invalid Form Body', errors) : undefined;
  }

  #validateCommands(list: unknown[]): Reply | undefined {
    const errors: Json = {};
    const chatName = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
    const checkName = (name: unknown, path: (string | number)[], chatInput: boolean): void => {
      const value = str(name);
      const valid = chatInput
        ? value !== undefined && chatName.test(value) && value === value.toLowerCase()
        : value !== undefined && value.length >= 1 && value.length <= 32;
      if (!valid)
        addFormError(
          errors,
          path,
          'APPLICATION_COMMAND_INVALID_NAME',
          `Command name is invalid: ${String(name)}`,
        );
    };
    const checkDescription = (description: unknown, path: (string | number)[]): void => {
      const value = str(description);
      if (!value || value.length > 100)
        addFormError(errors, path, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
    };
    const checkLocalizations = (
      map: unknown,
      path: (string | number)[],
      check: (value: unknown, at: (string | number)[]) => void,
    ): void => {
      if (!isObject(map)) return;
      for (const [locale, value] of Object.entries(map)) {
        if (!LOCALES.has(locale))
          addFormError(
            errors,
            [...path, locale],
            'ENUM_TYPE_COERCE',
            `Value "${locale}" is not a valid enum value.`,
          );
        else if (value !== null) check(value, [...path, locale]);
      }
    };
    const checkOptions = (options: unknown[], path: (string | number)[]): void => {
      if (options.length > 25) tooLong(errors, path, 'x'.repeat(26), 25);
      let seenOptional = false;
      const names = new Set<string>();
      options.forEach((option, i) => {
        if (!isObject(option)) return;
        const at = [...path, i];
        checkName(option.name, [...at, 'name'], true);
        checkDescription(option.description, [...at, 'description']);
        checkLocalizations(option.name_localizations, [...at, 'name_localizations'], (v, p) =>
          checkName(v, p, true),
        );
        checkLocalizations(
          option.description_localizations,
          [...at, 'description_localizations'],
          checkDescription,
        );
        const name = str(option.name) ?? '';
        if (names.has(name))
          addFormError(
            errors,
            [...at, 'name'],
            'APPLICATION_COMMAND_OPTION_NAME_ALREADY_EXISTS',
            'Option name already exists',
          );
        names.add(name);
        const isSub = option.type === 1 || option.type === 2;
        if (!isSub) {
          if (option.required === true && seenOptional)
            addFormError(
              errors,
              [...at, 'required'],
              'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
              'Required options must be placed before non-required options',
            );
          if (option.required !== true) seenOptional = true;
        }
        const choices = asArray(option.choices);
        if (choices.length > 25) tooLong(errors, [...at, 'choices'], 'x'.repeat(26), 25);
        choices.forEach((choice, j) => {
          if (!isObject(choice)) return;
          const choiceName = str(choice.name);
          if (!choiceName || choiceName.length > 100)
            addFormError(
              errors,
              [...at, 'choices', j, 'name'],
              'BASE_TYPE_BAD_LENGTH',
              'Must be between 1 and 100 in length.',
            );
        });
        if (Array.isArray(option.options)) checkOptions(option.options, [...at, 'options']);
      });
    };
    const seen = new Set<string>();
    list.forEach((command, i) => {
      if (!isObject(command)) {
        addFormError(errors, [i], 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
        return;
      }
      const type = typeof command.type === 'number' ? command.type : 1;
      const chatInput = type === 1;
      checkName(command.name, [i, 'name'], chatInput);
      checkLocalizations(command.name_localizations, [i, 'name_localizations'], (v, p) =>
        checkName(v, p, chatInput),
      );
      if (chatInput) {
        checkDescription(command.description, [i, 'description']);
        checkLocalizations(
          command.description_localizations,
          [i, 'description_localizations'],
          checkDescription,
        );
        checkOptions(asArray(command.options), [i, 'options']);
      }
      const key = `${type}:${String(command.name)}`;
      if (seen.has(key))
        addFormError(
          errors,
          [i, 'name'],
          'APPLICATION_COMMANDS_DUPLICATE_NAME',
          `Application command names must be unique`,
        );
      seen.add(key);
    });
    return Object.keys(errors).length ? apiError(400, 50035, 'Invalid Form Body', errors) : undefined;
  }
}
