// The pin builder: a picture (dropped, picked or from a link) with a preview, then title,
// description, link, alt text, board and section; the upload shows its progress.
import { Box, Button, Flex, Heading, SelectList, Text, TextArea, TextField } from 'gestalt';
import { useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import { boards as boardsApi } from '../../api/endpoints.ts';
import { messageFor } from '../../api/errors.ts';
import type { Board, Section } from '../../api/types.ts';
import { createPin, readAsBase64 } from '../../api/upload.ts';
import { CreateBoardModal } from '../../components/CreateBoardModal.tsx';
import { paths } from '../../paths.ts';
import { boardsForPicker } from '../../state/board-order.ts';
import { markBoardUsed, useMyBoards } from '../../state/boards.ts';
import { useUser } from '../../state/session.tsx';
import { useToast } from '../../state/toasts.tsx';
import { ImageDrop, type PickedImage } from './ImageDrop.tsx';
import { LIMITS, type PinFormErrors, progressLabel, validatePinForm } from './pin-form.ts';

function ProgressBar({ fraction }: { fraction: number }) {
  const percent = Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  return (
    <Flex direction="column" gap={1}>
      <div
        className="cb-progress"
        role="progressbar"
        aria-label="Upload progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <span style={{ width: `${percent}%` }} />
      </div>
      <Text size="100" color="subtle">
        {progressLabel(fraction)}
      </Text>
    </Flex>
  );
}

function useSections(boardId: string | null): Section[] {
  const [sections, setSections] = useState<Section[]>([]);
  useEffect(() => {
    setSections([]);
    if (!boardId) return;
    let live = true;
    boardsApi.sections(boardId).then(
      (page) => live && setSections(page.items),
      () => live && setSections([]),
    );
    return () => {
      live = false;
    };
  }, [boardId]);
  return sections;
}

export default function CreatePinPage() {
  const user = useUser();
  const [, navigate] = useLocation();
  const toast = useToast();
  const { boards, lastUsedId, status } = useMyBoards(user.id);
  const ordered = boardsForPicker(boards, lastUsedId);
  const [image, setImage] = useState<PickedImage | null>(null);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [link, setLink] = useState('');
  const [altText, setAltText] = useState('');
  const [boardId, setBoardId] = useState<string | null>(null);
  const [sectionId, setSectionId] = useState<string | null>(null);
  const [creatingBoard, setCreatingBoard] = useState(false);
  const [errors, setErrors] = useState<PinFormErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const sections = useSections(boardId);
  const chosenBoard = boardId ?? ordered[0]?.id ?? null;

  const publish = async () => {
    const found = validatePinForm({
      title,
      description,
      link,
      altText,
      boardId: chosenBoard,
      hasImage: !!image,
    });
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0 || !image || !chosenBoard) return;
    setProgress(0);
    try {
      const source =
        image.kind === 'file'
          ? { kind: 'file' as const, contentType: image.type, base64: await readAsBase64(image.file) }
          : image;
      const pin = await createPin(
        {
          board_id: chosenBoard,
          board_section_id: sectionId,
          title: title.trim() || undefined,
          description: description.trim() || undefined,
          link: link.trim() || null,
          alt_text: altText.trim() || null,
        },
        source,
        setProgress,
      );
      markBoardUsed(chosenBoard);
      toast('Your pin is published.');
      navigate(paths.pin(pin.id));
    } catch (error) {
      setFailure(messageFor(error));
      setProgress(null);
    }
  };

  const busy = progress !== null;
  const onBoardCreated = (board: Board) => {
    setCreatingBoard(false);
    setBoardId(board.id);
    setSectionId(null);
  };

  return (
    <Box display="flex" justifyContent="center" paddingX={4} paddingY={6}>
      <Box width="100%" maxWidth={1000}>
        <Flex direction="column" gap={6}>
          <Flex justifyContent="between" alignItems="center">
            <Heading size="600" accessibilityLevel={1}>
              Create pin
            </Heading>
            <Button
              text={busy ? 'Publishing…' : 'Publish'}
              color="red"
              size="lg"
              disabled={busy}
              onClick={publish}
            />
          </Flex>
          {busy && <ProgressBar fraction={progress} />}
          {failure && (
            <Box role="alert" color="errorWeak" padding={3} rounding={4}>
              <Text color="error">{failure}</Text>
            </Box>
          )}
          <Box display="block" mdDisplay="flex">
            <Box column={12} mdColumn={5} paddingY={2} mdPaddingX={4}>
              <ImageDrop image={image} onChange={setImage} error={errors.image} disabled={busy} />
            </Box>
            <Box column={12} mdColumn={7} paddingY={2} mdPaddingX={4}>
              <Flex direction="column" gap={4}>
                <TextField
                  id="pin-title"
                  label="Title"
                  placeholder="Add a title"
                  value={title}
                  disabled={busy}
                  errorMessage={errors.title}
                  maxLength={{ characterCount: LIMITS.title, errorAccessibilityLabel: 'Title is too long' }}
                  onChange={({ value }) => setTitle(value)}
                />
                <TextArea
                  id="pin-description"
                  label="Description"
                  placeholder="Tell everyone what your pin is about"
                  value={description}
                  disabled={busy}
                  errorMessage={errors.description}
                  maxLength={{
                    characterCount: LIMITS.description,
                    errorAccessibilityLabel: 'Description is too long',
                  }}
                  onChange={({ value }) => setDescription(value)}
                />
                <TextField
                  id="pin-link"
                  label="Link"
                  type="url"
                  placeholder="https://"
                  value={link}
                  disabled={busy}
                  errorMessage={errors.link}
                  onChange={({ value }) => setLink(value)}
                />
                <TextField
                  id="pin-alt-text"
                  label="Alt text"
                  helperText="Describe the picture for people who use screen readers."
                  value={altText}
                  disabled={busy}
                  errorMessage={errors.altText}
                  onChange={({ value }) => setAltText(value)}
                />
                <Flex gap={2} alignItems="end">
                  <Flex.Item flex="grow">
                    <SelectList
                      id="pin-board"
                      label="Board"
                      disabled={busy || status !== 'ready' || ordered.length === 0}
                      placeholder={
                        status === 'ready' && ordered.length === 0 ? 'Create a board first' : 'Choose a board'
                      }
                      value={chosenBoard}
                      errorMessage={errors.boardId}
                      onChange={({ value }) => {
                        setBoardId(value);
                        setSectionId(null);
                      }}
                    >
                      {ordered.map((board) => (
                        <SelectList.Option key={board.id} label={board.name} value={board.id} />
                      ))}
                    </SelectList>
                  </Flex.Item>
                  <Button text="Create board" disabled={busy} onClick={() => setCreatingBoard(true)} />
                </Flex>
                {sections.length > 0 && (
                  <SelectList
                    id="pin-section"
                    label="Section"
                    disabled={busy}
                    value={sectionId ?? ''}
                    onChange={({ value }) => setSectionId(value || null)}
                  >
                    <SelectList.Option label="No section" value="" />
                    {sections.map((section) => (
                      <SelectList.Option key={section.id} label={section.name} value={section.id} />
                    ))}
                  </SelectList>
                )}
              </Flex>
            </Box>
          </Box>
        </Flex>
      </Box>
      {creatingBoard && (
        <CreateBoardModal onCreated={onBoardCreated} onDismiss={() => setCreatingBoard(false)} />
      )}
    </Box>
  );
}
