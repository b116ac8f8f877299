import { Message } from '../../components/Message.tsx';
import { paths } from '../../paths.ts';

/** The plain 404: an unknown address, or a pin or board that is gone or hidden from you. */
export default function NotFoundPage({ what = 'page' }: { what?: 'page' | 'pin' | 'board' }) {
  const title =
    what === 'pin'
      ? 'This pin isn’t here'
      : what === 'board'
        ? 'This board isn’t here'
        : 'We couldn’t find that page';
  return (
    <Message title={title} action={{ text: 'Go to your home feed', href: paths.home }}>
      It may have been deleted, made secret, or the link may be wrong.
    </Message>
  );
}
