import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  type ClientEvents,
  DiscordAPIError,
  DiscordjsErrorCodes,
  Events,
  GatewayIntentBits,
  LabelBuilder,
  MessageFlags,
  ModalBuilder,
  Partials,
  Routes,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DISCORD_ERRORS,
  DISCORD_IDS,
  FakeDiscord,
  type FakeDiscordOptions,
  rateLimited,
} from './fake-discord.js';

const INTENTS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.MessageContent,
  GatewayIntentBits.GuildMembers,
  GatewayIntentBits.DirectMessages,
];
const INTENT_BITS = INTENTS.reduce((all, bit) => all | bit, 0);

/** Resolves with the arguments of the next `event` (optionally the next one passing `filter`). */
function next<E extends keyof ClientEvents>(
  client: Client,
  event: E,
  filter: (...args: ClientEvents[E]) => boolean = () => true,
  timeoutMs = 2_000,
): Promise<ClientEvents[E]> {
  return new Promise((resolve, reject) => {
    const listener = (...args: ClientEvents[E]): void => {
      if (!filter(...args)) return;
      clearTimeout(timer);
      client.off(event, listener);
      resolve(args);
    };
    const timer = setTimeout(() => {
      client.off(event, listener);
      reject(new Error(`no ${String(event)} within ${timeoutMs} ms`));
    }, timeoutMs);
    client.on(event, listener);
  });
}

function newClient(fake: FakeDiscord, intents: number[] = INTENTS): Client {
  // Partials.Channel: Discord sends no CHANNEL_CREATE for DMs, so without it discord.js drops DM messages.
  return new Client({ intents, partials: [Partials.Channel], rest: { api: fake.apiUrl } });
}

async function login(client: Client, fake: FakeDiscord): Promise<void> {
  const ready = next(client, Events.ClientReady);
  await client.login(fake.botToken);
  await ready;
}

describe('FakeDiscord with a real discord.js Client', () => {
  let fake: FakeDiscord;
  let client: Client;

  async function setUp(options: FakeDiscordOptions = {}, intents: number[] = INTENTS): Promise<void> {
    fake = new FakeDiscord(options);
    await fake.start();
    client = newClient(fake, intents);
    await login(client, fake);
  }

  afterEach(async () => {
    await client?.destroy();
    await fake?.stop();
    expect(fake.errors).toEqual([]);
  });

  describe('default world', () => {
    beforeEach(() => setUp());

    afterEach(() => {
      expect(fake.unknownCalls.map((c) => `${c.method} ${c.path}`)).toEqual([]);
    });

    it('logs in: token and intents reach IDENTIFY, guild, channel and members are cached', () => {
      expect(fake.identifies).toHaveLength(1);
      expect(fake.identifies[0]?.token).toBe(fake.botToken);
      expect(fake.identifies[0]?.intents).toBe(INTENT_BITS);
      expect(fake.gatewayConnections[0]).toMatchObject({
        path: '/gateway',
        query: { v: '10', encoding: 'json' },
      });
      expect(fake.calls[0]).toMatchObject({
        method: 'GET',
        path: '/gateway/bot',
        auth: `Bot ${fake.botToken}`,
      });

      expect(client.user?.id).toBe(DISCORD_IDS.bot);
      expect(client.application?.id).toBe(DISCORD_IDS.application);
      const guild = client.guilds.cache.get(DISCORD_IDS.guild);
      expect(guild?.name).toBe('Acme');
      expect(guild?.ownerId).toBe(DISCORD_IDS.owner);
      const channel = client.channels.cache.get(DISCORD_IDS.channel);
      expect(channel?.isTextBased()).toBe(true);
      expect(guild?.members.me?.id).toBe(DISCORD_IDS.bot);
      expect(guild?.members.cache.get(DISCORD_IDS.admin)?.permissions.has('Administrator')).toBe(true);
      expect(guild?.members.cache.get(DISCORD_IDS.member)?.permissions.has('ManageGuild')).toBe(false);
    });

    it('answers REST fetches and gateway member requests', async () => {
      const guild = client.guilds.cache.get(DISCORD_IDS.guild);
      if (!guild) throw new Error('expected the guild');
      const members = await guild.members.fetch(); // op 8 REQUEST_GUILD_MEMBERS → GUILD_MEMBERS_CHUNK
      expect([...members.keys()].sort()).toEqual(
        [DISCORD_IDS.bot, DISCORD_IDS.owner, DISCORD_IDS.admin, DISCORD_IDS.member].sort(),
      );
      expect(fake.gatewayReceived.some((f) => f.op === 8)).toBe(true);
      expect((await client.users.fetch(DISCORD_IDS.admin, { force: true })).username).toBe('alice');
      expect((await guild.roles.fetch()).get(DISCORD_IDS.adminRole)?.permissions.has('Administrator')).toBe(
        true,
      );
      expect((await guild.channels.fetch()).has(DISCORD_IDS.channel)).toBe(true);
      expect((await guild.fetch()).name).toBe('Acme');
      expect([...(await guild.members.search({ query: 'ali' })).keys()]).toEqual([DISCORD_IDS.admin]);
      expect((await client.application?.fetch())?.id).toBe(DISCORD_IDS.application);
      await expect(client.users.fetch('1999999999999999999')).rejects.toMatchObject({ code: 10013 });
      fake.failNext('GET', '/users/:user', DISCORD_ERRORS.serverError, 4);
      await expect(client.users.fetch(DISCORD_IDS.owner, { force: true })).rejects.toMatchObject({
        status: 500,
      });

      const joined = next(client, Events.GuildCreate);
      const other = fake.addGuild({ name: 'Beta', preferredLocale: 'zh-CN' });
      fake.addChannel({ guildId: other.id, name: 'lobby' });
      fake.announceGuild(other.id);
      const [created] = await joined;
      expect(created.preferredLocale).toBe('zh-CN');
      expect(created.channels.cache.map((c) => c.name)).toEqual(['lobby']);

      await expect(fake.waitFor((c) => c.path === '/nowhere', 30)).rejects.toThrow(
        /timed out after 30 ms waiting for a matching REST call.*recent REST calls/s,
      );
    });

    it('accepts multipart uploads and with_response callbacks', async () => {
      const channel = client.channels.cache.get(DISCORD_IDS.channel);
      if (!channel?.isSendable()) throw new Error('expected a sendable channel');
      const posted = await channel.send({
        content: 'report',
        files: [{ attachment: Buffer.from('a,b\n'), name: 'r.csv' }],
      });
      expect(posted.attachments.first()?.name).toBe('r.csv');
      const upload = fake.callsTo('POST', '/channels/*/messages').at(-1);
      expect(upload?.body).toMatchObject({ content: 'report' });
      expect(upload?.files.map((f) => [f.filename, f.data.toString()])).toEqual([['r.csv', 'a,b\n']]);

      const arrived = next(client, Events.InteractionCreate);
      const sent = fake.sendCommand({ name: 'export' });
      const [interaction] = await arrived;
      if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
      const response = await interaction.reply({
        content: 'here',
        files: [{ attachment: Buffer.from('x'), name: 'x.txt' }],
        withResponse: true,
      });
      expect(response.resource?.message?.content).toBe('here');
      expect(response.resource?.message?.attachments.first()?.name).toBe('x.txt');
      const callback = await fake.waitForCallback(sent.id);
      expect(callback).toMatchObject({ type: 4, withResponse: true, data: { content: 'here' } });
      expect(callback.files.map((f) => f.filename)).toEqual(['x.txt']);
    });

    it('delivers a slash command with a subcommand, user and integer options; one reply only', async () => {
      const arrived = next(client, Events.InteractionCreate);
      const sent = fake.sendCommand({
        name: 'team',
        locale: 'zh-CN',
        options: [
          {
            name: 'add',
            type: 1,
            options: [
              { name: 'who', type: 6, value: DISCORD_IDS.admin },
              { name: 'count', type: 4, value: 3 },
            ],
          },
        ],
      });
      const [interaction] = await arrived;
      if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
      expect(interaction.id).toBe(sent.id);
      expect(interaction.commandName).toBe('team');
      expect(interaction.options.getSubcommand()).toBe('add');
      expect(interaction.options.getUser('who')?.username).toBe('alice');
      expect(interaction.options.getMember('who')).toMatchObject({ id: DISCORD_IDS.admin });
      expect(interaction.options.getInteger('count')).toBe(3);
      expect(interaction.locale).toBe('zh-CN');
      expect(interaction.guildLocale).toBe('en-US');
      expect(interaction.user.id).toBe(DISCORD_IDS.member);
      expect(interaction.memberPermissions?.has('Administrator')).toBe(false);
      expect(interaction.channelId).toBe(DISCORD_IDS.channel);
      expect(interaction.inCachedGuild()).toBe(true);

      await interaction.reply({ content: 'Added', flags: MessageFlags.Ephemeral });
      const callback = await fake.waitForCallback(sent.id);
      expect(callback.type).toBe(4);
      expect(callback.data).toMatchObject({ content: 'Added', flags: 64 });
      const callbackCall = fake.calls.find((c) => c.path.endsWith('/callback'));
      expect(callbackCall?.auth).toBeUndefined();

      // discord.js refuses a second reply by itself...
      await expect(interaction.reply('again')).rejects.toMatchObject({
        code: DiscordjsErrorCodes.InteractionAlreadyReplied,
      });
      // ...and the fake refuses a second callback that gets through anyway.
      const second = client.rest.post(Routes.interactionCallback(sent.id, sent.token), {
        body: { type: 4, data: { content: 'again' } },
        auth: false,
      });
      await expect(second).rejects.toBeInstanceOf(DiscordAPIError);
      await expect(second).rejects.toMatchObject({ code: 40060, status: 400 });
      expect(fake.callbacksFor(sent.id)).toHaveLength(1);

      // Follow-ups and edits go through the interaction webhook.
      await interaction.followUp({ content: 'More', flags: MessageFlags.Ephemeral });
      await interaction.editReply('Added (edited)');
      expect(fake.followUpsFor(sent.id).map((m) => m.content)).toEqual(['More']);
      expect(fake.originalResponse(sent.id)?.content).toBe('Added (edited)');
    });

    it('answers 10062 when the callback comes too late', async () => {
      const arrived = next(client, Events.InteractionCreate);
      const sent = fake.sendCommand({ name: 'slow' });
      const [interaction] = await arrived;
      if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
      fake.expireInteraction(sent.id);
      await expect(interaction.deferReply()).rejects.toMatchObject({ code: 10062, status: 404 });
      expect(fake.callbacksFor(sent.id)).toEqual([]);
    });

    it('records showModal (type 9, label around text input) and delivers the modal submit', async () => {
      const arrived = next(client, Events.InteractionCreate);
      const sent = fake.sendCommand({ name: 'feedback' });
      const [interaction] = await arrived;
      if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
      await interaction.showModal(
        new ModalBuilder()
          .setCustomId('fb')
          .setTitle('Feedback')
          .addLabelComponents(
            new LabelBuilder()
              .setLabel('Your note')
              .setTextInputComponent(
                new TextInputBuilder().setCustomId('x').setStyle(TextInputStyle.Paragraph),
              ),
          ),
      );
      const callback = await fake.waitForCallback(sent.id);
      expect(callback.type).toBe(9);
      expect(callback.data).toMatchObject({
        custom_id: 'fb',
        title: 'Feedback',
        components: [{ type: 18, label: 'Your note', component: { type: 4, custom_id: 'x', style: 2 } }],
      });

      const submitted = next(client, Events.InteractionCreate);
      const submit = fake.sendModalSubmit({ customId: 'fb', fields: { x: 'hello 你好' }, locale: 'zh-CN' });
      const [modal] = await submitted;
      if (!modal.isModalSubmit()) throw new Error('expected a modal submit');
      expect(modal.customId).toBe('fb');
      expect(modal.fields.getTextInputValue('x')).toBe('hello 你好');
      expect(modal.locale).toBe('zh-CN');
      await modal.deferReply({ flags: MessageFlags.Ephemeral });
      await modal.editReply('Thanks');
      expect((await fake.waitForCallback(submit.id)).type).toBe(5);
      expect(fake.originalResponse(submit.id)).toMatchObject({ content: 'Thanks', flags: 64 });

      // The legacy action-row shape parses too.
      const legacyArrived = next(client, Events.InteractionCreate);
      fake.sendModalSubmit({
        customId: 'fb',
        components: [{ type: 1, components: [{ type: 4, custom_id: 'x', value: 'old style' }] }],
      });
      const [legacy] = await legacyArrived;
      if (!legacy.isModalSubmit()) throw new Error('expected a modal submit');
      expect(legacy.fields.getTextInputValue('x')).toBe('old style');
    });

    it('delivers button clicks and select menus on a message the bot sent', async () => {
      const channel = client.channels.cache.get(DISCORD_IDS.channel);
      if (!channel?.isSendable()) throw new Error('expected a sendable channel');
      const sentMessage = await channel.send({
        content: 'Vote?',
        components: [
          new ActionRowBuilder<ButtonBuilder>().addComponents(
            new ButtonBuilder().setCustomId('vote:yes').setLabel('Yes').setStyle(ButtonStyle.Primary),
          ),
        ],
      });
      expect(fake.message(sentMessage.id)?.components).toHaveLength(1);

      const arrived = next(client, Events.InteractionCreate);
      const click = fake.sendButton({
        customId: 'vote:yes',
        messageId: sentMessage.id,
        userId: DISCORD_IDS.admin,
      });
      const [interaction] = await arrived;
      if (!interaction.isButton()) throw new Error('expected a button');
      expect(interaction.customId).toBe('vote:yes');
      expect(interaction.message.id).toBe(sentMessage.id);
      expect(interaction.memberPermissions?.has('Administrator')).toBe(true);
      await interaction.update({ content: 'Voted', components: [] });
      expect((await fake.waitForCallback(click.id)).type).toBe(7);
      expect(fake.message(sentMessage.id)).toMatchObject({ content: 'Voted', components: [] });

      const selected = next(client, Events.InteractionCreate);
      fake.sendSelect({ customId: 'pick', values: ['a', 'b'] });
      const [select] = await selected;
      if (!select.isStringSelectMenu()) throw new Error('expected a string select');
      expect(select.values).toEqual(['a', 'b']);

      const usersSelected = next(client, Events.InteractionCreate);
      fake.sendSelect({ customId: 'who', values: [DISCORD_IDS.admin], componentType: 5 });
      const [userSelect] = await usersSelected;
      if (!userSelect.isUserSelectMenu()) throw new Error('expected a user select');
      expect(userSelect.users.get(DISCORD_IDS.admin)?.username).toBe('alice');
    });

    it('delivers MESSAGE_CREATE, DMs and member add/remove', async () => {
      const arrived = next(client, Events.MessageCreate, (m) => !m.author.bot);
      fake.sendMessage({ content: `hi <@${DISCORD_IDS.bot}>` });
      const [message] = await arrived;
      expect(message.content).toBe(`hi <@${DISCORD_IDS.bot}>`);
      expect(message.author.id).toBe(DISCORD_IDS.member);
      expect(message.member?.id).toBe(DISCORD_IDS.member);
      expect(message.mentions.users.has(DISCORD_IDS.bot)).toBe(true);

      // The bot's own messages come back too (discord.js code must ignore bots).
      const echo = next(client, Events.MessageCreate, (m) => m.author.id === DISCORD_IDS.bot);
      await message.reply('hello');
      const [own] = await echo;
      expect(own.content).toBe('hello');
      expect(fake.messages(DISCORD_IDS.channel).at(-1)).toMatchObject({
        content: 'hello',
        message_reference: { message_id: message.id },
      });

      const dm = next(client, Events.MessageCreate, (m) => !m.author.bot);
      fake.sendDirectMessage({ content: 'psst', userId: DISCORD_IDS.admin });
      const [direct] = await dm;
      expect(direct.content).toBe('psst');
      expect(direct.guildId).toBeNull();
      expect(direct.channel.isDMBased()).toBe(true);

      const added = next(client, Events.GuildMemberAdd);
      const carol = fake.memberAdd({ username: 'carol' });
      const [member] = await added;
      expect(member.user.username).toBe('carol');
      expect(member.guild.members.cache.has(carol.userId)).toBe(true);

      const removed = next(client, Events.GuildMemberRemove);
      fake.memberRemove(carol.userId);
      const [gone] = await removed;
      expect(gone.id).toBe(carol.userId);
    });

    it('surfaces 50007 for closed DMs, canned 50013, and moderation routes', async () => {
      fake.user(DISCORD_IDS.member).blocksDms = true;
      const dm = client.users.send(DISCORD_IDS.member, 'hello');
      await expect(dm).rejects.toBeInstanceOf(DiscordAPIError);
      await expect(dm).rejects.toMatchObject({ code: 50007, status: 403 });
      expect(fake.callsTo('POST', '/users/@me/channels')[0]?.body).toEqual({
        recipient_id: DISCORD_IDS.member,
      });

      const channel = client.channels.cache.get(DISCORD_IDS.channel);
      if (!channel?.isSendable()) throw new Error('expected a sendable channel');
      const message = await channel.send('to be deleted');
      fake.failNext('DELETE', '/channels/:channel/messages/:message', DISCORD_ERRORS.missingPermissions);
      await expect(message.delete()).rejects.toMatchObject({ code: 50013, status: 403 });
      await message.delete();
      expect(fake.deletedMessageIds).toContain(message.id);

      const guild = client.guilds.cache.get(DISCORD_IDS.guild);
      const bob = await guild?.members.fetch(DISCORD_IDS.member);
      if (!bob) throw new Error('expected bob');
      const before = Date.now();
      await bob.timeout(60_000, 'cool down');
      const timeout = fake.callsTo('PATCH', `/guilds/${DISCORD_IDS.guild}/members/${DISCORD_IDS.member}`)[0];
      expect(timeout?.reason).toBe('cool down');
      const until = Date.parse(String(timeout?.body.communication_disabled_until));
      expect(until).toBeGreaterThanOrEqual(before + 59_000);
      expect(fake.member(DISCORD_IDS.member)?.communicationDisabledUntil).not.toBeNull();

      // The admin's role sits above the bot's: Discord refuses.
      const alice = await guild?.members.fetch(DISCORD_IDS.admin);
      await expect(alice?.timeout(60_000)).rejects.toMatchObject({ code: 50013 });

      await bob.kick('bye');
      expect(
        fake.callsTo('DELETE', `/guilds/${DISCORD_IDS.guild}/members/${DISCORD_IDS.member}`),
      ).toHaveLength(1);
      expect(fake.member(DISCORD_IDS.member)).toBeUndefined();

      const dave = fake.addMember({ username: 'dave' });
      await guild?.members.ban(dave.userId, { reason: 'spam', deleteMessageSeconds: 60 });
      expect(fake.callsTo('PUT', `/guilds/${DISCORD_IDS.guild}/bans/${dave.userId}`)[0]).toMatchObject({
        reason: 'spam',
        body: { delete_message_seconds: 60 },
      });
      expect(fake.guild().bans.has(dave.userId)).toBe(true);
    });

    it('lets discord.js ride out a 429 and a 500 quickly', async () => {
      const channel = client.channels.cache.get(DISCORD_IDS.channel);
      if (!channel?.isSendable()) throw new Error('expected a sendable channel');
      fake.failNext('POST', '/channels/*/messages', rateLimited(0.05));
      const started = Date.now();
      await channel.send('after a 429');
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(fake.callsTo('POST', '/channels/*/messages').map((c) => c.status)).toEqual([429, 200]);

      // discord.js retries 5xx up to 3 times (rest `retries`) without waiting.
      fake.failNext('POST', '/channels/*/messages', DISCORD_ERRORS.serverError);
      await channel.send('after a 500');
      expect(fake.callsTo('POST', '/channels/*/messages').map((c) => c.status)).toEqual([429, 200, 500, 200]);

      // Discord's own validation.
      await expect(
        client.rest.post(Routes.channelMessages(DISCORD_IDS.channel), { body: { content: '' } }),
      ).rejects.toMatchObject({ code: 50006 });
      await expect(channel.send('x'.repeat(2001))).rejects.toMatchObject({ code: 50035 });
    });

    it('stores command lists and answers with their ids', async () => {
      const guild = client.guilds.cache.get(DISCORD_IDS.guild);
      const commands = await guild?.commands.set([
        {
          name: 'team',
          description: 'Team things',
          descriptionLocalizations: { 'zh-CN': '团队' },
          options: [{ name: 'add', description: 'Add someone', type: 1 }],
        },
      ]);
      expect(fake.commandPuts).toBe(1);
      expect(fake.registeredCommands.get(DISCORD_IDS.guild)?.map((c) => c.name)).toEqual(['team']);
      const id = commands?.first()?.id;

      const arrived = next(client, Events.InteractionCreate);
      fake.sendCommand({ name: 'team', options: [{ name: 'add', type: 1 }] });
      const [interaction] = await arrived;
      if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
      expect(interaction.commandId).toBe(id);
      expect(interaction.commandGuildId).toBe(DISCORD_IDS.guild);

      await expect(
        client.application?.commands.set([{ name: 'Bad Name', description: 'x' }]),
      ).rejects.toMatchObject({ code: 50035 });
      // 'zh' is not a Discord locale ('zh-CN' and 'zh-TW' are).
      const badLocales: Record<string, string> = { zh: 'x' };
      await expect(
        client.application?.commands.set([
          { name: 'ok', description: 'x', descriptionLocalizations: badLocales },
        ]),
      ).rejects.toMatchObject({ code: 50035 });
    });

    it('resumes after op 7 and keeps delivering, replaying what was sent in between', async () => {
      const resumed = next(client, Events.ShardResume);
      const reconnecting = fake.reconnect();
      // Sent while no socket is open: kept in the session and replayed on RESUME.
      await fake.waitUntil(() => !fake.connected, 2_000, 'the client to close its socket');
      const gapMessage = next(client, Events.MessageCreate, (m) => m.content === 'during the gap');
      fake.sendMessage({ content: 'during the gap' });
      await reconnecting;
      await resumed;
      await gapMessage;
      expect(fake.resumes).toBe(1);
      expect(fake.identifies).toHaveLength(1);
      expect(fake.gatewayConnections.map((c) => c.path)).toEqual(['/gateway', '/resume']);
      expect(fake.gatewayReceived.find((f) => f.op === 6)?.d).toMatchObject({
        session_id: fake.sessionId,
        token: fake.botToken,
      });

      const arrived = next(client, Events.InteractionCreate);
      const sent = fake.sendCommand({ name: 'after' });
      const [interaction] = await arrived;
      if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
      await interaction.reply('still here');
      expect((await fake.waitForCallback(sent.id)).type).toBe(4);

      // A dropped connection (close code 4000) resumes the same way.
      fake.closeGateway(4000);
      await fake.waitUntil(() => fake.resumes === 2, 3_000, 'a second resume');
      expect(fake.identifies).toHaveLength(1);
    });
  });

  describe('members, roles and channel permissions', () => {
    const VIEW = 1n << 10n;

    it('sends a large guild without its members; op 8 answers in chunks of 1000 with the nonce', async () => {
      fake = new FakeDiscord();
      await fake.start();
      fake.addMembers(2_500);
      client = newClient(fake);
      await login(client, fake);
      const create = fake.dispatched.find((e) => e.type === 'GUILD_CREATE')?.data;
      expect(create).toMatchObject({
        large: true,
        member_count: 2_504,
        members: [{ user: { id: DISCORD_IDS.bot } }],
      });
      const guild = client.guilds.cache.get(DISCORD_IDS.guild);
      if (!guild) throw new Error('expected the guild');
      expect(guild.large).toBe(true);
      expect(guild.memberCount).toBe(2_504);
      expect(guild.members.cache.size).toBe(1);

      const members = await guild.members.fetch({ nonce: 'roster-1' });
      expect(members.size).toBe(2_504);
      expect(guild.members.cache.size).toBe(2_504);
      const request = fake.gatewayReceived.find((f) => f.op === 8);
      expect(request?.d).toMatchObject({
        guild_id: DISCORD_IDS.guild,
        query: '',
        limit: 0,
        nonce: 'roster-1',
      });
      const chunks = fake.dispatched.filter((e) => e.type === 'GUILD_MEMBERS_CHUNK').map((e) => e.data);
      expect(chunks).toMatchObject([
        { chunk_index: 0, chunk_count: 3, nonce: 'roster-1' },
        { chunk_index: 1, chunk_count: 3, nonce: 'roster-1' },
        { chunk_index: 2, chunk_count: 3, nonce: 'roster-1' },
      ]);
      expect(chunks.map((c) => (c as { members: unknown[] }).members.length)).toEqual([1_000, 1_000, 504]);
    });

    it('answers a rate-limited op 8 with RATE_LIMITED, which discord.js rejects the fetch with', async () => {
      await setUp();
      const guild = client.guilds.cache.get(DISCORD_IDS.guild);
      if (!guild) throw new Error('expected the guild');
      fake.rateLimitMemberRequests(1, 2.5);
      await expect(guild.members.fetch({ nonce: 'limited' })).rejects.toMatchObject({
        name: 'GatewayRateLimitError',
        data: { opcode: 8, retry_after: 2.5, meta: { guild_id: DISCORD_IDS.guild, nonce: 'limited' } },
      });
      expect((await guild.members.fetch({ nonce: 'again' })).size).toBe(4);
    });

    it('a guild within the large threshold comes whole', async () => {
      fake = new FakeDiscord();
      await fake.start();
      fake.addMembers(46);
      client = newClient(fake);
      await login(client, fake);
      expect(fake.dispatched.find((e) => e.type === 'GUILD_CREATE')?.data).toMatchObject({
        large: false,
        member_count: 50,
      });
      expect(client.guilds.cache.get(DISCORD_IDS.guild)?.members.cache.size).toBe(50);
    });

    it('applies role and member overwrites the way discord.js reads them', async () => {
      fake = new FakeDiscord();
      await fake.start();
      const hidden = fake.addRole({ name: 'Hidden' });
      const [plain, roled, excepted] = fake.addMembers(3);
      if (!plain || !roled || !excepted) throw new Error('expected three members');
      roled.roles = [hidden.id];
      excepted.roles = [hidden.id];
      const channel = fake.addChannel({
        name: 'team',
        overwrites: [
          { id: hidden.id, type: 0, allow: 0n, deny: VIEW },
          { id: excepted.userId, type: 1, allow: VIEW, deny: 0n },
        ],
      });
      client = newClient(fake);
      await login(client, fake);
      const guild = client.guilds.cache.get(DISCORD_IDS.guild);
      const cached = guild?.channels.cache.get(channel.id);
      if (!guild || !cached || cached.isThread()) throw new Error('expected the channel');
      const sees = (userId: string) => {
        const member = guild.members.cache.get(userId);
        return member ? cached.permissionsFor(member).has('ViewChannel') : undefined;
      };
      for (const userId of [
        plain.userId,
        roled.userId,
        excepted.userId,
        DISCORD_IDS.admin,
        DISCORD_IDS.owner,
      ]) {
        expect(sees(userId)).toBe((fake.permissionsOf(userId, DISCORD_IDS.guild, channel.id) & VIEW) !== 0n);
      }
      expect([
        sees(plain.userId),
        sees(roled.userId),
        sees(excepted.userId),
        sees(DISCORD_IDS.admin),
      ]).toEqual([true, false, true, true]);
      // No View Channel: no other permission there either.
      expect(fake.permissionsOf(roled.userId, DISCORD_IDS.guild, channel.id)).toBe(0n);
    });

    it('dispatches member, channel and role changes that discord.js applies to its cache', async () => {
      await setUp();
      const guild = client.guilds.cache.get(DISCORD_IDS.guild);
      if (!guild) throw new Error('expected the guild');

      const updated = next(client, Events.GuildMemberUpdate);
      fake.memberUpdate(DISCORD_IDS.member, { roles: [DISCORD_IDS.managerRole], nick: 'Bobby' });
      const [before, after] = await updated;
      expect(before.roles.cache.has(DISCORD_IDS.managerRole)).toBe(false);
      expect(after.roles.cache.has(DISCORD_IDS.managerRole)).toBe(true);
      expect(after.displayName).toBe('Bobby');

      const channelUpdated = next(client, Events.ChannelUpdate);
      fake.setOverwrites(DISCORD_IDS.channel, [{ id: DISCORD_IDS.member, type: 1, allow: 0n, deny: VIEW }]);
      const [oldChannel, newChannel] = await channelUpdated;
      if (oldChannel.isDMBased() || newChannel.isDMBased()) throw new Error('expected a guild channel');
      expect(oldChannel.permissionOverwrites.cache.size).toBe(0);
      expect(newChannel.permissionOverwrites.cache.get(DISCORD_IDS.member)?.deny.has('ViewChannel')).toBe(
        true,
      );
      expect(newChannel.permissionsFor(DISCORD_IDS.member)?.has('ViewChannel')).toBe(false);

      const roleUpdated = next(client, Events.GuildRoleUpdate);
      fake.roleUpdate(DISCORD_IDS.managerRole, { permissions: 0n });
      const [, role] = await roleUpdated;
      expect(role.permissions.bitfield).toBe(0n);

      const roleDeleted = next(client, Events.GuildRoleDelete);
      fake.roleDelete(DISCORD_IDS.managerRole);
      const [deleted] = await roleDeleted;
      expect(deleted.id).toBe(DISCORD_IDS.managerRole);
      expect(guild.members.cache.get(DISCORD_IDS.member)?.roles.cache.has(DISCORD_IDS.managerRole)).toBe(
        false,
      );
      expect(fake.member(DISCORD_IDS.member)?.roles).toEqual([]);

      expect(fake.droppedEvents).toEqual([]);
    });
  });

  describe('heartbeats', () => {
    it('answers op 1 with op 11', async () => {
      await setUp({ heartbeatIntervalMs: 50 });
      await fake.waitUntil(() => fake.heartbeats >= 2, 2_000, 'two heartbeats');
      await fake.waitUntil(() => client.ws.ping >= 0, 2_000, 'a measured ping');
    });
  });

  describe('privileged intents', () => {
    it('closes with 4014 when IDENTIFY asks for a disallowed intent; login rejects', async () => {
      fake = new FakeDiscord({ privilegedIntents: { messageContent: false } });
      await fake.start();
      client = newClient(fake);
      const disconnect = next(client, Events.ShardDisconnect);
      const shardError = next(client, Events.ShardError);
      // @discordjs/ws emits an error event "Used disallowed intents" for 4014 and does not reconnect;
      // WebSocketShard#connect() (awaited by client.login) rejects with that error, login destroys
      // the client and rethrows it. Client#shardError gets the same Error, and Client#shardDisconnect
      // fires with { code: 4014 }.
      await expect(client.login(fake.botToken)).rejects.toThrow('Used disallowed intents');
      const [event, shardId] = await disconnect;
      expect(event.code).toBe(4014);
      expect(shardId).toBe(0);
      const [error] = await shardError;
      expect(error.message).toBe('Used disallowed intents');
      expect(fake.gatewayCloses).toContainEqual({ by: 'fake', code: 4014, reason: 'Disallowed intent(s).' });
      expect(fake.identifies[0]?.intents).toBe(INTENT_BITS);
    });

    it('blanks guild message content without the MessageContent intent, except mentions', async () => {
      await setUp({}, [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages]);
      const plain = next(client, Events.MessageCreate);
      fake.sendMessage({ content: 'secret' });
      expect((await plain)[0].content).toBe('');
      const mention = next(client, Events.MessageCreate);
      fake.sendMessage({ content: `<@${DISCORD_IDS.bot}> hello` });
      expect((await mention)[0].content).toBe(`<@${DISCORD_IDS.bot}> hello`);
      // No GuildMembers intent: member events are not sent at all.
      fake.memberAdd({ username: 'erin' });
      expect(fake.droppedEvents.map((e) => e.type)).toEqual(['GUILD_MEMBER_ADD']);
    });
  });
});
