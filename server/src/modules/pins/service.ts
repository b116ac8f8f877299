import type { Kysely } from 'kysely';
import { isId } from '../../db/ids.ts';
import type { DB } from '../../db/schema.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { invalid } from '../../platform/errors.ts';
import { decodeBookmark, type Page, pageFrom } from '../../platform/pagination.ts';
import { hasScope, type Principal, userIdOf } from '../../platform/principal.ts';
import { adjustUserCounters } from '../accounts/index.ts';
import type { BoardsService } from '../boards/index.ts';
import { type EventsService, serverEvent } from '../events/index.ts';
import type { MediaService } from '../media/index.ts';
import { noBoardToSaveTo, notPinOwner, pinNotFound } from './errors.ts';
import { groupImages, type ImageSizesOf, type PinEngagement, toPin } from './presenter.ts';
import * as repo from './repo.ts';
import type { MediaSource, Pin, PinCreateBody, PinUpdateBody } from './schemas.ts';

type Privacy = repo.PinWithBoard['board_privacy'];

export interface ListOptions {
  bookmark?: string;
  pageSize: number;
  withMetrics: boolean;
}

/** Engagement totals of pins, by id (the analytics module's rollups; installed by services.ts). */
export type EngagementSource = (pinIds: string[]) => Promise<Map<string, PinEngagement>>;

export class PinsService {
  private engagementOf: EngagementSource = async () => new Map();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly boards: BoardsService,
    private readonly media: MediaService,
    private readonly events: EventsService,
  ) {}

  /** Where pin_metrics' impressions, clicks and 90-day saves come from. */
  setEngagementSource(source: EngagementSource): void {
    this.engagementOf = source;
  }

  /** Secret pins need the pins:*_secret scopes on top of seeing the board. */
  private secretAllowed(viewer: Principal | null, privacy: Privacy, mode: 'read' | 'write'): boolean {
    return (
      privacy !== 'SECRET' || hasScope(viewer, mode === 'read' ? 'pins:read_secret' : 'pins:write_secret')
    );
  }

  /**
   * The pin if the viewer may see it; 404 otherwise, exactly as for a missing pin. The board's
   * visibility (privacy, membership, blocks either way) is checked in the same query as the pin,
   * by the boards module's own condition.
   */
  async visiblePin(
    viewer: Principal | null,
    pinId: string,
    db: Kysely<DB> = this.ctx.db,
    withImages = false,
  ): Promise<repo.PinWithBoard> {
    const pin = isId(pinId)
      ? await repo.findVisiblePin(db, pinId, this.boards.visibleBoardsFilter(viewer), withImages)
      : undefined;
    if (!pin || !this.secretAllowed(viewer, pin.board_privacy, 'read')) throw pinNotFound();
    return pin;
  }

  /** Pins as the spec's Pin; rows loaded with their images are presented without another query. */
  async present(viewer: Principal | null, rows: repo.PinWithBoard[], withMetrics: boolean): Promise<Pin[]> {
    const missing = rows.filter((row) => row.images === undefined).map((row) => row.id);
    const loaded = groupImages(await repo.imagesOfPins(this.ctx.db, missing));
    const sizesOf: ImageSizesOf = (image) => this.media.imageSizes(image);
    const engagement = withMetrics ? await this.engagementOf(rows.map((row) => row.id)) : undefined;
    return rows.map((row) =>
      toPin(
        row,
        row.images ?? loaded.get(row.id) ?? [],
        viewer,
        withMetrics,
        sizesOf,
        engagement?.get(row.id),
      ),
    );
  }

  async get(viewer: Principal | null, pinId: string, withMetrics: boolean): Promise<Pin> {
    const pin = await this.visiblePin(viewer, pinId, this.ctx.db, true);
    return (await this.present(viewer, [pin], withMetrics))[0]!;
  }

  private async ingest(source: MediaSource) {
    switch (source.source_type) {
      case 'image_url':
        return [{ image: await this.media.ingestUrl(source.url) }];
      case 'image_base64':
        return [{ image: await this.media.ingestBase64(source.data, source.content_type) }];
      case 'multiple_image_urls':
        return Promise.all(
          source.items.map(async (item) => ({ ...item, image: await this.media.ingestUrl(item.url) })),
        );
      case 'multiple_image_base64':
        return Promise.all(
          source.items.map(async (item) => ({
            ...item,
            image: await this.media.ingestBase64(item.data, item.content_type),
          })),
        );
    }
  }

  async create(viewer: Principal, body: PinCreateBody): Promise<Pin> {
    const userId = userIdOf(viewer);
    const target = await this.boards.writableBoard(viewer, body.board_id, body.board_section_id);
    if (!this.secretAllowed(viewer, target.board.privacy, 'write')) throw pinNotFound();
    // Images are processed before the transaction: decoding is slow, and stored files are
    // content-addressed, so a rolled-back pin leaves at most an unreferenced, reusable image.
    const slots = await this.ingest(body.media_source);
    const isCarousel = slots.length > 1;
    const pinId = await this.ctx.db.transaction().execute(async (trx) => {
      const id = await repo.mintId(trx);
      let origin = id;
      if (body.parent_pin_id) origin = (await this.visiblePin(viewer, body.parent_pin_id, trx)).origin_pin_id;
      await repo.insertPin(
        trx,
        {
          id,
          owner_id: userId,
          board_id: target.board.id,
          section_id: target.section?.id ?? null,
          parent_pin_id: body.parent_pin_id ?? null,
          origin_pin_id: origin,
          title: body.title ?? '',
          description: body.description ?? '',
          link: body.link ?? null,
          alt_text: body.alt_text ?? null,
          dominant_color: body.dominant_color ?? slots[0]!.image.dominant_color,
          media_type: isCarousel ? 'multiple_images' : 'image',
          creative_type: isCarousel ? 'CAROUSEL' : 'REGULAR',
          is_standard: true,
          sort_key: Date.now(),
        },
        slots.map((slot, position) => ({
          position,
          image_id: slot.image.id,
          title: 'title' in slot ? (slot.title ?? null) : null,
          description: 'description' in slot ? (slot.description ?? null) : null,
          link: 'link' in slot ? (slot.link ?? null) : null,
        })),
      );
      if (body.parent_pin_id) await repo.bumpSaveCount(trx, [body.parent_pin_id, origin]);
      await this.boards.adjustPinCount(trx, target.board.id, 1);
      await adjustUserCounters(trx, userId, { pin_count: 1 });
      const created = serverEvent('pin.created.v1', userId, id, {
        board_id: target.board.id,
        section_id: target.section?.id ?? null,
        pin_owner_id: userId,
      });
      await this.events.record(trx, created);
      return id;
    });
    return this.get(viewer, pinId, false);
  }

  /** Saves a visible pin to one of the viewer's boards: a new pin whose parent is the original. */
  async save(
    viewer: Principal,
    pinId: string,
    boardId?: string | null,
    sectionId?: string | null,
  ): Promise<Pin> {
    const userId = userIdOf(viewer);
    const source = await this.visiblePin(viewer, pinId, this.ctx.db, true);
    const chosenBoard = boardId ?? (await repo.lastUsedBoardId(this.ctx.db, userId));
    if (!chosenBoard) throw noBoardToSaveTo();
    const target = await this.boards.writableBoard(viewer, chosenBoard, sectionId);
    if (!this.secretAllowed(viewer, target.board.privacy, 'write')) throw pinNotFound();
    const images = source.images ?? [];
    const newId = await this.ctx.db.transaction().execute(async (trx) => {
      const id = await repo.mintId(trx);
      await repo.insertPin(
        trx,
        {
          id,
          owner_id: userId,
          board_id: target.board.id,
          section_id: target.section?.id ?? null,
          parent_pin_id: source.id,
          origin_pin_id: source.origin_pin_id,
          title: source.title,
          description: source.description,
          link: source.link,
          alt_text: source.alt_text,
          dominant_color: source.dominant_color,
          media_type: source.media_type,
          creative_type: source.creative_type,
          is_standard: source.is_standard,
          sort_key: Date.now(),
        },
        images.map((image) => ({
          position: image.position,
          image_id: image.image_id,
          title: image.title,
          description: image.description,
          link: image.link,
        })),
      );
      await repo.bumpSaveCount(trx, [source.id, source.origin_pin_id]);
      await this.boards.adjustPinCount(trx, target.board.id, 1);
      await adjustUserCounters(trx, userId, { pin_count: 1 });
      const saved = serverEvent('pin.saved.v1', userId, source.id, {
        board_id: target.board.id,
        pin_owner_id: source.owner_id,
        parent_pin_id: source.parent_pin_id,
        saved_pin_id: id,
      });
      await this.events.record(trx, saved);
      return id;
    });
    return this.get(viewer, newId, false);
  }

  /** The pin, if the viewer may change it: its owner, or the owner of the board it is on. */
  private async ownPin(viewer: Principal, pinId: string): Promise<repo.PinWithBoard> {
    const userId = userIdOf(viewer);
    const pin = await this.visiblePin(viewer, pinId);
    if (pin.owner_id !== userId && pin.board_owner_id !== userId) throw notPinOwner();
    if (!this.secretAllowed(viewer, pin.board_privacy, 'write')) throw pinNotFound();
    return pin;
  }

  async update(viewer: Principal, pinId: string, body: PinUpdateBody): Promise<Pin> {
    const pin = await this.ownPin(viewer, pinId);
    const moving = body.board_id !== undefined || body.board_section_id !== undefined;
    const target = moving
      ? await this.boards.writableBoard(viewer, body.board_id ?? pin.board_id, body.board_section_id ?? null)
      : undefined;
    if (target && !this.secretAllowed(viewer, target.board.privacy, 'write')) throw pinNotFound();
    await this.ctx.db.transaction().execute(async (trx) => {
      await repo.updatePin(trx, pin.id, {
        title: body.title === undefined ? undefined : (body.title ?? ''),
        description: body.description === undefined ? undefined : (body.description ?? ''),
        link: body.link,
        alt_text: body.alt_text,
        board_id: target?.board.id,
        section_id: target ? (target.section?.id ?? null) : undefined,
        sort_key: target && target.board.id !== pin.board_id ? Date.now() : undefined,
      });
      if (body.carousel_slots) await repo.updateSlots(trx, pin.id, body.carousel_slots);
      if (target && target.board.id !== pin.board_id) {
        await this.boards.adjustPinCount(trx, pin.board_id, -1);
        await this.boards.adjustPinCount(trx, target.board.id, 1);
      }
    });
    return this.get(viewer, pin.id, false);
  }

  /** Account deletion hook: pin counts of boards and users other than the deleted one (services.ts). */
  accountDeleting(db: Kysely<DB>, userId: string): Promise<void> {
    return repo.releasePinCounts(db, userId);
  }

  async delete(viewer: Principal, pinId: string): Promise<void> {
    const pin = await this.ownPin(viewer, pinId);
    await this.ctx.db.transaction().execute(async (trx) => {
      await repo.deletePin(trx, pin.id);
      await this.boards.adjustPinCount(trx, pin.board_id, -1);
      await adjustUserCounters(trx, pin.owner_id, { pin_count: -1 });
      const deleted = serverEvent('pin.deleted.v1', userIdOf(viewer), pin.id, {
        board_id: pin.board_id,
        pin_owner_id: pin.owner_id,
      });
      await this.events.record(trx, deleted);
    });
  }

  async listBoardPins(
    viewer: Principal | null,
    boardId: string,
    sectionId: string | undefined,
    options: ListOptions,
  ): Promise<Page<Pin>> {
    const board = sectionId
      ? (await this.boards.visibleSection(viewer, boardId, sectionId)).board
      : await this.boards.visibleBoard(viewer, boardId);
    if (!this.secretAllowed(viewer, board.privacy, 'read')) return { items: [], bookmark: null };
    const after = options.bookmark ? decodeBookmark(options.bookmark, 2) : undefined;
    if (after && (typeof after[0] !== 'number' || typeof after[1] !== 'string' || !isId(after[1]))) {
      throw invalid('Invalid bookmark.');
    }
    const rows = await repo.listBoardPins(this.ctx.db, {
      boardId: board.id,
      sectionId,
      after: after as [number, string] | undefined,
      limit: options.pageSize + 1,
    });
    return this.page(viewer, rows, options, (row) => [row.sort_key, row.id]);
  }

  async listOwned(
    viewer: Principal,
    filters: {
      pinFilter?: string;
      includeProtected?: boolean;
      privateOnly?: boolean;
      creativeTypes?: string[];
    },
    options: ListOptions,
  ): Promise<Page<Pin>> {
    const userId = userIdOf(viewer);
    // Corkboard has no promoted pins yet, so that filter matches nothing.
    if (filters.pinFilter === 'has_been_promoted') return { items: [], bookmark: null };
    const privacies: Privacy[] = filters.privateOnly ? ['SECRET'] : ['PUBLIC'];
    if (!filters.privateOnly && filters.includeProtected) privacies.push('PROTECTED');
    if (!filters.privateOnly && hasScope(viewer, 'pins:read_secret')) privacies.push('SECRET');
    if (filters.privateOnly && !hasScope(viewer, 'pins:read_secret')) return { items: [], bookmark: null };
    const before = options.bookmark ? decodeBookmark(options.bookmark, 1)[0] : undefined;
    const rows = await repo.listOwnedPins(this.ctx.db, {
      ownerId: userId,
      privacies,
      excludeNative: filters.pinFilter === 'exclude_native',
      excludeRepins: filters.pinFilter === 'exclude_repins',
      creativeTypes: filters.creativeTypes,
      beforeId: typeof before === 'string' && isId(before) ? before : undefined,
      limit: options.pageSize + 1,
    });
    return this.page(viewer, rows, options, (row) => [row.id]);
  }

  /** A user's pins that the viewer may see: on visible boards, secret ones only with the scope. */
  async listUserPins(
    viewer: Principal | null,
    username: string,
    options: ListOptions,
    pinFilter?: 'exclude_native' | 'exclude_repins',
  ): Promise<Page<Pin>> {
    const before = options.bookmark ? decodeBookmark(options.bookmark, 1)[0] : undefined;
    const visible = this.boards.visibleBoardsFilter(viewer);
    const withSecrets = hasScope(viewer, 'pins:read_secret');
    const rows = await repo.listUserPins(
      this.ctx.db,
      username,
      (eb) => (withSecrets ? visible(eb) : eb.and([visible(eb), eb('boards.privacy', '!=', 'SECRET')])),
      typeof before === 'string' && isId(before) ? before : undefined,
      options.pageSize + 1,
      pinFilter,
    );
    return this.page(viewer, rows, options, (row) => [row.id]);
  }

  private async page(
    viewer: Principal | null,
    rows: repo.PinWithBoard[],
    options: ListOptions,
    positionOf: (row: repo.PinWithBoard) => (string | number)[],
  ): Promise<Page<Pin>> {
    const page = pageFrom(rows, options.pageSize, positionOf);
    return { items: await this.present(viewer, page.items, options.withMetrics), bookmark: page.bookmark };
  }
}
