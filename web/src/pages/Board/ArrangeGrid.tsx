// The board's pins in a Masonry grid that its owner and collaborators can arrange: drag a pin onto
// another to put it there, or use each pin's "Organize" menu (move to top, up, down, or to another
// section or board), which does the same from the keyboard. In select mode each pin has a checkbox
// for moving many at once.
import { Box, Checkbox, Dropdown, IconButton, Masonry, Spinner } from 'gestalt';
import { type DragEvent, useCallback, useRef, useState } from 'react';
import type { Pin } from '../../api/types.ts';
import { PinCard } from '../../components/PinCard.tsx';
import { COLUMN_WIDTH, GUTTER } from '../../components/PinGrid.tsx';
import { shortGridWidth } from '../../components/pin-image.ts';
import { useImpressions } from '../../state/events/useImpressions.ts';
import { type ReorderStep, reorderTarget } from './pin-order.ts';

const DRAG_TYPE = 'application/x-corkboard-pin';

export interface ArrangeActions {
  step: (pin: Pin, step: ReorderStep) => void;
  moveOne: (pin: Pin) => void;
  drop: (draggedId: string, targetId: string) => void;
}

interface Props {
  pins: Pin[];
  canArrange: boolean;
  selecting: boolean;
  selected: ReadonlySet<string>;
  onToggle: (pinId: string) => void;
  actions: ArrangeActions;
  loading: boolean;
  loadMore?: () => void;
}

const labelOf = (pin: Pin) => pin.title?.trim() || pin.alt_text?.trim() || 'pin';

interface ItemProps {
  pin: Pin;
  canArrange: boolean;
  selecting: boolean;
  checked: boolean;
  onToggle: (pinId: string) => void;
  openMenu: (pin: Pin, anchor: HTMLElement) => void;
  drop: (draggedId: string, targetId: string) => void;
  watch: (element: Element | null) => void;
}

function ArrangeItem({ pin, canArrange, selecting, checked, onToggle, openMenu, drop, watch }: ItemProps) {
  const [active, setActive] = useState(false);
  const [dropping, setDropping] = useState(false);
  const anchor = useRef<HTMLDivElement>(null);
  const name = labelOf(pin);
  const dragProps = canArrange
    ? {
        draggable: true,
        onDragStart: (event: DragEvent<HTMLDivElement>) => {
          event.dataTransfer.setData(DRAG_TYPE, pin.id);
          event.dataTransfer.effectAllowed = 'move';
        },
        onDragOver: (event: DragEvent<HTMLDivElement>) => {
          if (!event.dataTransfer.types.includes(DRAG_TYPE)) return;
          event.preventDefault();
          setDropping(true);
        },
        onDragLeave: () => setDropping(false),
        onDrop: (event: DragEvent<HTMLDivElement>) => {
          event.preventDefault();
          setDropping(false);
          const dragged = event.dataTransfer.getData(DRAG_TYPE);
          if (dragged) drop(dragged, pin.id);
        },
      }
    : {};
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: hover and drag only reveal and move; the keyboard has the Organize button
    <div
      data-test-id="board-pin"
      data-pin-id={pin.id}
      {...dragProps}
      onMouseEnter={() => setActive(true)}
      onMouseLeave={() => setActive(false)}
      onFocus={() => setActive(true)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setActive(false);
      }}
      style={{ position: 'relative', outline: dropping ? '3px dashed #e60023' : undefined, borderRadius: 16 }}
    >
      <PinCard pin={pin} columnWidth={COLUMN_WIDTH} watchImpression={watch} />
      {selecting && (
        <Box position="absolute" top left padding={3} rounding={2}>
          <Box color="default" rounding={2} padding={1}>
            <Checkbox
              id={`select-pin-${pin.id}`}
              label={`Select ${name}`}
              labelDisplay="hidden"
              checked={checked}
              onChange={() => onToggle(pin.id)}
            />
          </Box>
        </Box>
      )}
      {canArrange && !selecting && (
        <Box position="absolute" top left padding={4} display={active ? 'block' : 'visuallyHidden'}>
          <Box ref={anchor}>
            <IconButton
              icon="move-pin"
              size="sm"
              bgColor="white"
              accessibilityLabel={`Organize ${name}`}
              accessibilityHaspopup
              tooltip={{ text: 'Move or reorder' }}
              onClick={() => anchor.current && openMenu(pin, anchor.current)}
            />
          </Box>
        </Box>
      )}
    </div>
  );
}

export function ArrangeGrid({
  pins,
  canArrange,
  selecting,
  selected,
  onToggle,
  actions,
  loading,
  loadMore,
}: Props) {
  const watch = useImpressions('board');
  const [menu, setMenu] = useState<{ pin: Pin; anchor: HTMLElement } | null>(null);
  const openMenu = useCallback((pin: Pin, anchor: HTMLElement) => setMenu({ pin, anchor }), []);

  const renderItem = useCallback(
    ({ data }: { data: Pin }) => (
      <ArrangeItem
        pin={data}
        canArrange={canArrange}
        selecting={selecting}
        checked={selected.has(data.id)}
        onToggle={onToggle}
        openMenu={openMenu}
        drop={actions.drop}
        watch={watch(data.id)}
      />
    ),
    [canArrange, selecting, selected, onToggle, openMenu, actions.drop, watch],
  );

  const steps: { step: ReorderStep; label: string }[] = [
    { step: 'top', label: 'Move to top' },
    { step: 'up', label: 'Move up' },
    { step: 'down', label: 'Move down' },
  ];

  // Centred and only as wide as a few pins need, as in PinGrid (Masonry measures once: remount).
  const fewWidth = shortGridWidth(pins.length, !loadMore, COLUMN_WIDTH, GUTTER);
  return (
    <Box>
      <div style={{ maxWidth: fewWidth, marginInline: 'auto' }}>
        <Masonry
          key={fewWidth ?? 'full'}
          items={pins}
          renderItem={renderItem}
          columnWidth={COLUMN_WIDTH}
          gutterWidth={GUTTER}
          minCols={fewWidth ? 1 : 2}
          layout="flexible"
          scrollContainer={() => window}
          loadItems={loadMore && !loading ? () => loadMore() : undefined}
        />
      </div>
      <Box padding={6}>
        <Spinner show={loading} accessibilityLabel="Loading more pins" />
      </Box>
      {menu && (
        <Dropdown anchor={menu.anchor} id="organize-pin-menu" onDismiss={() => setMenu(null)}>
          <Dropdown.Section label="Reorder">
            {steps.map(({ step, label }) => (
              <Dropdown.Item
                key={step}
                option={{ value: step, label }}
                disabled={!reorderTarget(pins, menu.pin.id, step)}
                onSelect={() => {
                  setMenu(null);
                  actions.step(menu.pin, step);
                }}
              />
            ))}
          </Dropdown.Section>
          <Dropdown.Section label="Move">
            <Dropdown.Item
              option={{ value: 'move', label: 'Move to a section or board…' }}
              onSelect={() => {
                setMenu(null);
                actions.moveOne(menu.pin);
              }}
            />
          </Dropdown.Section>
        </Dropdown>
      )}
    </Box>
  );
}
