// One pin in a grid: its picture in a box sized before it loads (dominant colour behind), the
// title below, and on hover or keyboard focus a Save button and a "More like this" link.
import { Box, Flex, IconButtonLink, Image, Link, Mask, Text } from 'gestalt';
import { memo, useState } from 'react';
import { paths } from '../paths.ts';
import { useSession } from '../state/session.tsx';
import { altTextOf, boxHeight, type GridImage, gridImage, type PinLike } from './pin-image.ts';
import { SaveControl } from './SaveControl.tsx';

export type GridPin = PinLike & {
  title: string | null;
  alt_text: string | null;
  description?: string | null;
  board_owner?: { username: string };
};

interface Props {
  pin: GridPin;
  /** The column width the grid was laid out for; the card itself fills whatever width it gets. */
  columnWidth: number;
  watchImpression?: (element: Element | null) => void;
}

function Picture({ image, alt }: { image: GridImage; alt: string }) {
  return (
    <Box
      position="relative"
      width="100%"
      dangerouslySetInlineStyle={{
        __style: { aspectRatio: `1 / ${image.ratio}`, backgroundColor: image.color },
      }}
    >
      <Image
        alt={alt}
        src={image.url}
        color={image.color}
        naturalWidth={image.naturalWidth}
        naturalHeight={image.naturalHeight}
        fit="cover"
        loading="lazy"
      />
    </Box>
  );
}

export const PinCard = memo(function PinCard({ pin, columnWidth, watchImpression }: Props) {
  const { session } = useSession();
  const [active, setActive] = useState(false);
  const image = gridImage(pin, columnWidth);
  const alt = altTextOf(pin);
  const title = pin.title?.trim();

  return (
    <Box
      ref={watchImpression as never}
      paddingY={2}
      data-test-id="pin-card"
      onMouseEnter={() => setActive(true)}
      onMouseLeave={() => setActive(false)}
      onFocus={() => setActive(true)}
      onBlur={(event: React.FocusEvent<HTMLDivElement>) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setActive(false);
      }}
    >
      <Box position="relative">
        <Link
          href={paths.pin(pin.id)}
          rounding={4}
          accessibilityLabel={title ? `Open pin: ${title}` : 'Open pin'}
        >
          <Mask rounding={4}>
            {image ? (
              <Picture image={image} alt={alt} />
            ) : (
              <Box color="secondary" height={boxHeight({ ratio: 1 }, columnWidth)} />
            )}
            {active && <Box position="absolute" top bottom left right color="darkWash" />}
          </Mask>
        </Link>
        {session.status === 'signed-in' && (
          <Box position="absolute" top right padding={2} display={active ? 'block' : 'visuallyHidden'}>
            <SaveControl pinId={pin.id} size="md" showBoardName={false} thumbnail={image?.url} />
          </Box>
        )}
        <Box position="absolute" bottom right padding={2} display={active ? 'block' : 'visuallyHidden'}>
          <IconButtonLink
            href={paths.related(pin.id)}
            icon="ellipsis"
            accessibilityLabel={title ? `More like “${title}”` : 'More like this'}
            bgColor="white"
            size="sm"
            tooltip={{ text: 'More like this' }}
          />
        </Box>
      </Box>
      {title && (
        <Box paddingX={1} paddingY={1}>
          <Text size="200" weight="bold" lineClamp={2}>
            {title}
          </Text>
        </Box>
      )}
      {pin.board_owner && (
        <Box paddingX={1}>
          <Flex alignItems="center" gap={1}>
            <Text size="100" color="subtle" lineClamp={1}>
              {pin.board_owner.username}
            </Text>
          </Flex>
        </Box>
      )}
    </Box>
  );
});
