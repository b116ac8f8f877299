// "More to explore": related pins (GET /v5/pins/{id}/related), once the server offers them. Until
// then, or when it has nothing, a calm line instead of a grid.
import { Box, Heading } from 'gestalt';
import { useCallback, useEffect, useState } from 'react';
import { supports } from '../../api/capabilities.ts';
import { pins } from '../../api/endpoints.ts';
import { Message } from '../../components/Message.tsx';
import { PinGrid } from '../../components/PinGrid.tsx';
import { usePaged } from '../../state/paged.ts';

const RELATED = 'get /v5/pins/{pin_id}/related' as const;

export function MoreToExplore({ pinId }: { pinId: string }) {
  const [available, setAvailable] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    supports(RELATED).then((yes) => live && setAvailable(yes));
    return () => {
      live = false;
    };
  }, []);
  const fetchPage = useCallback((bookmark: string | null) => pins.related(pinId, bookmark), [pinId]);
  const related = usePaged(available ? fetchPage : null);
  const items = related.items.filter((pin) => pin.id !== pinId);
  const nothing =
    available === false || (!related.loading && !related.hasMore && items.length === 0) || !!related.error;

  return (
    <Box id="more" paddingY={6}>
      <Box paddingX={2} marginBottom={4}>
        <Heading size="400" align="center" accessibilityLevel={2}>
          More to explore
        </Heading>
      </Box>
      {available !== null && nothing ? (
        <Message title="Nothing more like this yet">
          Related ideas will show up here as people save more pins.
        </Message>
      ) : (
        <PinGrid
          pins={items}
          surface="related"
          loading={related.loading || available === null}
          loadMore={related.hasMore ? related.loadMore : undefined}
        />
      )}
    </Box>
  );
}
