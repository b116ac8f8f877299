// Where the picture comes from: dropped, chosen with the file picker, or fetched from a link.
import { Box, Button, Flex, Icon, IconButton, Text, TextField } from 'gestalt';
import { type DragEvent, useEffect, useRef, useState } from 'react';
import { type AcceptedType, fileProblem, isHttpUrl } from './pin-form.ts';

export type PickedImage =
  | { kind: 'file'; file: File; type: AcceptedType; preview: string }
  | { kind: 'url'; url: string };

interface Props {
  image: PickedImage | null;
  onChange: (image: PickedImage | null) => void;
  error?: string;
  disabled?: boolean;
}

export function ImageDrop({ image, onChange, error, disabled }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [url, setUrl] = useState('');

  useEffect(
    () => () => {
      if (image?.kind === 'file') URL.revokeObjectURL(image.preview);
    },
    [image],
  );

  const take = (file: File | undefined) => {
    if (!file) return;
    const why = fileProblem(file);
    setProblem(why);
    if (!why)
      onChange({ kind: 'file', file, type: file.type as AcceptedType, preview: URL.createObjectURL(file) });
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (!disabled) take(event.dataTransfer.files[0]);
  };

  if (image) {
    const src = image.kind === 'file' ? image.preview : image.url;
    // The frame hugs the picture (no bars beside a tall one), centred in the column.
    return (
      <Flex justifyContent="center">
        <Box position="relative" rounding={6} overflow="hidden" maxWidth="100%" color="secondary">
          <img
            alt="Preview of your pin"
            src={src}
            style={{ display: 'block', maxWidth: '100%', maxHeight: 560 }}
          />
          {!disabled && (
            <Box position="absolute" top right padding={2}>
              <IconButton
                icon="trash-can"
                accessibilityLabel="Remove this picture"
                bgColor="white"
                onClick={() => onChange(null)}
              />
            </Box>
          )}
        </Box>
      </Flex>
    );
  }

  const shownError = problem ?? error;
  return (
    <Flex direction="column" gap={3}>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: a drop target for the mouse; keyboards use the file button inside */}
      <div
        className="cb-drop-zone"
        data-dragging={dragging}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <Box padding={8} minHeight={320} display="flex" alignItems="center" justifyContent="center">
          <Flex direction="column" alignItems="center" gap={3}>
            <Icon icon="arrow-circle-up" accessibilityLabel="" size={32} color="default" />
            <Text align="center" weight="bold">
              Drag and drop an image, or
            </Text>
            <Button text="Choose a file" onClick={() => input.current?.click()} disabled={disabled} />
            <Text align="center" size="100" color="subtle">
              JPEG or PNG
            </Text>
            <input
              ref={input}
              type="file"
              accept="image/jpeg,image/png"
              aria-label="Choose an image file"
              style={{ position: 'absolute', width: 1, height: 1, opacity: 0, pointerEvents: 'none' }}
              tabIndex={-1}
              data-test-id="pin-file-input"
              onChange={(event) => take(event.target.files?.[0])}
            />
          </Flex>
        </Box>
      </div>
      {shownError && (
        <Box role="alert">
          <Text color="error">{shownError}</Text>
        </Box>
      )}
      <Flex gap={2} alignItems="end">
        <Flex.Item flex="grow">
          <TextField
            id="pin-image-url"
            label="Or save from a link"
            placeholder="https://example.com/picture.jpg"
            value={url}
            disabled={disabled}
            onChange={({ value }) => setUrl(value)}
          />
        </Flex.Item>
        <Button
          text="Use link"
          disabled={disabled || !isHttpUrl(url.trim())}
          onClick={() => {
            setProblem(null);
            onChange({ kind: 'url', url: url.trim() });
          }}
        />
      </Flex>
    </Flex>
  );
}
