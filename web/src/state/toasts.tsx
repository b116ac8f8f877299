// Short confirmations and failures at the bottom of the screen ("Saved to Dinner ideas").
import { Box, Layer, Toast } from 'gestalt';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react';

interface ToastMessage {
  id: number;
  text: string;
  type: 'default' | 'success' | 'error';
  thumbnail?: string;
}

type Show = (text: string, options?: { type?: ToastMessage['type']; thumbnail?: string }) => void;

const ToastContext = createContext<Show>(() => {});
const SHOWN_MS = 4000;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ToastMessage[]>([]);
  const serial = useRef(0);
  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((t) => t.id !== id)), []);
  const show = useCallback<Show>(
    (text, options = {}) => {
      serial.current += 1;
      const id = serial.current;
      setToasts((list) => [
        ...list.slice(-2),
        { id, text, type: options.type ?? 'default', thumbnail: options.thumbnail },
      ]);
      window.setTimeout(() => dismiss(id), SHOWN_MS);
    },
    [dismiss],
  );
  const value = useMemo(() => show, [show]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      {toasts.length > 0 && (
        <Layer>
          <Box
            fit
            dangerouslySetInlineStyle={{
              __style: { bottom: 24, left: '50%', transform: 'translateX(-50%)' },
            }}
            paddingX={2}
            position="fixed"
          >
            <div role="status" aria-live="polite">
              {toasts.map((toast) => (
                <Box key={toast.id} marginTop={2}>
                  <Toast
                    text={toast.text}
                    type={toast.type}
                    dismissButton={{ onDismiss: () => dismiss(toast.id), accessibilityLabel: 'Dismiss' }}
                    thumbnail={
                      toast.thumbnail
                        ? {
                            image: (
                              <img
                                alt=""
                                src={toast.thumbnail}
                                style={{ objectFit: 'cover', width: '100%', height: '100%' }}
                              />
                            ),
                          }
                        : undefined
                    }
                  />
                </Box>
              ))}
            </div>
          </Box>
        </Layer>
      )}
    </ToastContext.Provider>
  );
}

export const useToast = (): Show => useContext(ToastContext);
