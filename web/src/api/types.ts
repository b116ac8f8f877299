// The API's shapes as the web app uses them (Pinterest v5 plus Corkboard's extensions).

export interface ImageSize {
  width: number | null;
  height: number | null;
  url: string;
}

export type ImageSizes = Record<'150x150' | '400x300' | '600x' | '1200x', ImageSize>;

export interface Pin {
  id: string;
  created_at: string;
  link: string | null;
  title: string | null;
  description: string | null;
  dominant_color: string | null;
  alt_text: string | null;
  creative_type: string;
  board_id: string;
  board_section_id: string | null;
  board_owner: { username: string };
  is_owner: boolean;
  media:
    | { media_type: 'image'; images: ImageSizes }
    | {
        media_type: 'multiple_images';
        items: {
          item_type: 'image';
          images: ImageSizes;
          title: string | null;
          description: string | null;
          link: string | null;
        }[];
      };
  parent_pin_id: string | null;
  is_standard: boolean;
  has_been_promoted: boolean;
  pin_metrics: Record<string, Record<string, number>> | null;
}

export type Privacy = 'PUBLIC' | 'PROTECTED' | 'SECRET';

export interface Board {
  id: string;
  created_at: string;
  board_pins_modified_at: string;
  name: string;
  description: string | null;
  collaborator_count: number;
  pin_count: number;
  follower_count: number;
  media: { image_cover_url: string | null; pin_thumbnail_urls: string[] };
  owner: { username: string };
  privacy: Privacy;
  is_ads_only: boolean;
}

export interface Section {
  id: string;
  name: string;
}

export interface Profile {
  id: string;
  username: string;
  display_name: string;
  about: string;
  website_url: string;
  profile_image: string;
  account_type: 'PINNER' | 'BUSINESS';
  board_count: number;
  pin_count: number;
  follower_count: number;
  following_count: number;
  created_at: string;
}

export interface SessionInfo {
  user: Profile;
  csrf_token: string;
}

export interface Comment {
  id: string;
  pin_id: string;
  text: string;
  created_at: string;
  author: { id: string; username: string };
}

export const REACTION_KINDS = ['like', 'love', 'haha', 'wow', 'thanks', 'good_idea'] as const;
export type ReactionKind = (typeof REACTION_KINDS)[number];

export interface Reactions {
  pin_id: string;
  total: number;
  counts: Record<string, number>;
  mine: ReactionKind | null;
}

export interface Topic {
  key: string;
  label: string;
  cover: {
    pin_id: string;
    url: string;
    width: number | null;
    height: number | null;
    dominant_color: string | null;
  } | null;
}

export interface InterestsResult {
  topics: string[];
  followed_boards: { id: string; name: string }[];
  followed_users: { username: string }[];
}

export interface Page<T> {
  items: T[];
  bookmark: string | null;
}
