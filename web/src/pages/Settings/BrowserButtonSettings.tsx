// The "Save" button for the browser: a bookmarklet to drag to the bookmarks bar. On any page it
// shows that page's large pictures; picking one opens a small Corkboard window to save it.
import { Box, Flex, Heading, Text } from 'gestalt';
import { useEffect, useRef } from 'react';
import { bookmarkletHref } from '../../bookmarklet/link.ts';

const STEPS = [
  'Show your bookmarks bar (Ctrl+Shift+B, or ⌘+Shift+B on a Mac).',
  'Drag the red “Save to Corkboard” button onto the bar.',
  'On a page with a picture you like, click the bookmark and pick the picture.',
  'Choose a board in the small Corkboard window and save.',
];

export function BrowserButtonSettings() {
  const link = useRef<HTMLAnchorElement>(null);
  // React refuses javascript: URLs in href (a guard against injected links); this one is ours, so
  // it is set on the element directly.
  useEffect(() => {
    link.current?.setAttribute('href', bookmarkletHref(window.location.origin));
  }, []);

  return (
    <Flex direction="column" gap={5}>
      <Flex direction="column" gap={1}>
        <Heading size="400" accessibilityLevel={2}>
          Save button for your browser
        </Heading>
        <Text color="subtle">
          Save ideas from any website to your boards, without copying links or downloading pictures.
        </Text>
      </Flex>
      <Box>
        <a
          ref={link}
          href="#save-button"
          draggable
          style={{
            display: 'inline-block',
            padding: '12px 20px',
            borderRadius: 24,
            background: '#e60023',
            color: '#fff',
            fontWeight: 700,
            textDecoration: 'none',
            cursor: 'grab',
          }}
          title="Drag me to your bookmarks bar"
        >
          Save to Corkboard
        </a>
      </Box>
      <Flex direction="column" gap={2}>
        <Heading size="300" accessibilityLevel={3}>
          How to use it
        </Heading>
        <ol style={{ margin: 0, paddingLeft: 20 }}>
          {STEPS.map((step) => (
            <li key={step}>
              <Box paddingY={1}>
                <Text>{step}</Text>
              </Box>
            </li>
          ))}
        </ol>
      </Flex>
    </Flex>
  );
}
