// The topics a demo or synthetic world is made of: what boards are called, how pins are titled and
// described, and the palette and motif their generated pictures use. Pure data.

export type Motif =
  | 'plate'
  | 'cake'
  | 'room'
  | 'landscape'
  | 'flowers'
  | 'garment'
  | 'workshop'
  | 'abstract'
  | 'motion'
  | 'rings'
  | 'lineart'
  | 'car'
  | 'pet'
  | 'bottles';

export interface Topic {
  key: string;
  label: string;
  motif: Motif;
  /** Each palette: background, background 2, then accents. */
  palettes: string[][];
  /** Board names; in synthetic worlds each is a theme that boards and pins cluster around. */
  boards: string[];
  /** Title patterns: {a} an adjective, {n} a noun, {k} a small number. */
  titles: string[];
  adjectives: string[];
  nouns: string[];
  /** Description patterns, with the same slots. */
  descriptions: string[];
  sites: string[];
}

export const TOPICS: readonly Topic[] = [
  {
    key: 'recipes',
    label: 'Recipes',
    motif: 'plate',
    palettes: [
      ['#f6efe4', '#ead7bd', '#c0392b', '#e67e22', '#27ae60', '#f1c40f'],
      ['#2d2a26', '#45403a', '#e8d5b7', '#d35400', '#6ab04c', '#f9ca24'],
      ['#fdf6ec', '#f3e0c7', '#8e44ad', '#e74c3c', '#16a085', '#f39c12'],
    ],
    boards: [
      'Weeknight Dinners',
      'Pasta Night',
      'Soups & Stews',
      'Meal Prep',
      'Vegan Eats',
      'Breakfast Ideas',
    ],
    titles: ['{a} {n}', '{k} {a} {n} recipes', 'The best {n} you will ever make', '{a} {n} in 30 minutes'],
    adjectives: ['Creamy', 'Spicy', 'Lemony', 'Garlicky', 'Smoky', 'Crispy', 'Easy', 'Healthy', 'One-pan'],
    nouns: ['tomato pasta', 'chicken curry', 'shakshuka', 'ramen bowls', 'fish tacos', 'mushroom risotto'],
    descriptions: [
      'A {a} take on {n} that comes together on a busy weeknight.',
      'Our family asks for this {n} every week. {a}, simple and ready in no time.',
      'Meal-prep friendly {n}: make a big batch on Sunday and eat well all week.',
    ],
    sites: ['halfbakedharvest.example', 'budgetbytes.example', 'seriouseats.example'],
  },
  {
    key: 'baking',
    label: 'Baking',
    motif: 'cake',
    palettes: [
      ['#fff4f0', '#fde2e4', '#e07a5f', '#f2cc8f', '#81b29a', '#3d405b'],
      ['#fefae0', '#faedcd', '#d4a373', '#ccd5ae', '#e9c46a', '#bc6c25'],
      ['#f8edeb', '#fcd5ce', '#b5838d', '#ffb4a2', '#6d6875', '#e5989b'],
    ],
    boards: ['Cakes', 'Cookies', 'Bread Baking', 'Holiday Baking', 'Pies & Tarts', 'Sourdough'],
    titles: ['{a} {n}', 'How to make {a} {n}', '{k} {n} ideas for your next bake', 'Foolproof {n}'],
    adjectives: ['Fluffy', 'Brown butter', 'Chewy', 'Lemon', 'Chocolate', 'Cinnamon', 'Rustic', 'Vanilla'],
    nouns: ['layer cake', 'cookies', 'sourdough loaf', 'apple pie', 'cinnamon rolls', 'banana bread'],
    descriptions: [
      'Step-by-step {n} with photos. {a} and worth every minute.',
      'This {a} {n} is the one I bake for every birthday.',
      'Tips for perfect {n}: weigh your flour and be patient with the oven.',
    ],
    sites: ['kingarthur.example', 'sallysbaking.example', 'smittenkitchen.example'],
  },
  {
    key: 'interiors',
    label: 'Home Decor',
    motif: 'room',
    palettes: [
      ['#ede6dd', '#d9cfc1', '#7d8f69', '#b08968', '#f4f1ea', '#3f4238'],
      ['#e8eef1', '#d4dde3', '#1d3557', '#e9c46a', '#457b9d', '#f1faee'],
      ['#f5ebe0', '#e3d5ca', '#d5bdaf', '#6b705c', '#cb997e', '#a5a58d'],
    ],
    boards: [
      'Living Room Ideas',
      'Cozy Bedroom',
      'Kitchen Inspo',
      'Small Spaces',
      'Boho Decor',
      'Reading Nooks',
    ],
    titles: ['{a} {n} ideas', '{k} ways to style a {n}', 'Our {a} {n} makeover', '{a} {n} on a budget'],
    adjectives: ['Scandinavian', 'Cozy', 'Minimal', 'Boho', 'Mid-century', 'Japandi', 'Warm', 'Airy'],
    nouns: ['living room', 'bedroom', 'kitchen', 'entryway', 'reading nook', 'home office', 'gallery wall'],
    descriptions: [
      'Layered textures and warm wood make this {n} feel {a} all year.',
      'Before and after: how we turned a dark {n} into a {a} space.',
      'Renter-friendly {n} ideas that do not need a single nail.',
    ],
    sites: ['apartmenttherapy.example', 'houzz.example', 'dwell.example'],
  },
  {
    key: 'travel',
    label: 'Travel',
    motif: 'landscape',
    palettes: [
      ['#87ceeb', '#fef3c7', '#264653', '#2a9d8f', '#e9c46a', '#f4a261'],
      ['#ffb997', '#f67e7d', '#843b62', '#0b032d', '#74546a', '#ffd6a5'],
      ['#caf0f8', '#90e0ef', '#0077b6', '#03045e', '#00b4d8', '#fefae0'],
    ],
    boards: ['Bucket List', 'Europe Trip', 'Beach Getaways', 'Road Trips', 'Japan', 'Hiking Trails'],
    titles: ['{k} days in {n}', '{a} guide to {n}', 'Hidden gems of {n}', 'What to pack for {n}'],
    adjectives: ['The ultimate', 'A budget', 'A slow travel', 'A first-timer', 'A local', 'A weekend'],
    nouns: [
      'Lisbon',
      'Kyoto',
      'the Amalfi Coast',
      'Iceland',
      'Patagonia',
      'the Scottish Highlands',
      'Oaxaca',
    ],
    descriptions: [
      'Everything we loved about {n}: where to stay, what to eat and the views you cannot miss.',
      '{a} itinerary for {n}, with a map and every price we paid.',
      'Sunrise over {n} was worth the 4 a.m. alarm.',
    ],
    sites: ['lonelyplanet.example', 'nomadicmatt.example', 'cntraveler.example'],
  },
  {
    key: 'gardening',
    label: 'Gardening',
    motif: 'flowers',
    palettes: [
      ['#f1f8e9', '#dcedc8', '#e91e63', '#ff9800', '#8bc34a', '#33691e'],
      ['#fffde7', '#e8f5e9', '#9c27b0', '#ffeb3b', '#4caf50', '#1b5e20'],
      ['#f3e5f5', '#e1f5fe', '#f06292', '#ba68c8', '#66bb6a', '#2e7d32'],
    ],
    boards: [
      'Vegetable Garden',
      'Houseplants',
      'Cottage Garden',
      'Balcony Garden',
      'Succulents',
      'Garden DIY',
    ],
    titles: ['{a} {n}', '{k} {n} for beginners', 'How to grow {n}', '{a} {n} ideas for small spaces'],
    adjectives: ['Low-maintenance', 'Pollinator-friendly', 'Shade-loving', 'Easy', 'Cottage', 'Raised-bed'],
    nouns: ['tomatoes', 'herb garden', 'dahlias', 'monstera', 'climbing roses', 'lavender', 'raised beds'],
    descriptions: [
      'Plant {n} after the last frost and water deeply once a week.',
      '{a} {n} that thrive with almost no attention.',
      'Our garden this June: {n} everywhere and the bees love it.',
    ],
    sites: ['gardenersworld.example', 'almanac.example', 'rhs.example'],
  },
  {
    key: 'fashion',
    label: 'Fashion',
    motif: 'garment',
    palettes: [
      ['#f5f5f0', '#e7e2d8', '#1a1a1a', '#c9ada7', '#9a8c98', '#4a4e69'],
      ['#fdf0d5', '#f7d9c4', '#780000', '#c1121f', '#003049', '#669bbc'],
      ['#eae4e9', '#fff1e6', '#cdb4db', '#ffafcc', '#a2d2ff', '#bde0fe'],
    ],
    boards: [
      'Fall Outfits',
      'Capsule Wardrobe',
      'Street Style',
      'Work Wear',
      'Summer Looks',
      'Vintage Finds',
    ],
    titles: ['{a} {n} outfits', '{k} ways to wear a {n}', 'How to style a {n}', '{a} {n} inspiration'],
    adjectives: ['Minimal', 'Effortless', 'Parisian', 'Cozy', 'Classic', 'Oversized', 'Monochrome'],
    nouns: ['trench coat', 'linen shirt', 'slip dress', 'wide-leg trousers', 'chunky knit', 'denim jacket'],
    descriptions: [
      'One {n}, {k} outfits: the most worn piece in my capsule wardrobe.',
      '{a} {n} looks for the office and the weekend.',
      'Thrifted this {n} for twelve dollars and styled it three ways.',
    ],
    sites: ['vogue.example', 'whowhatwear.example', 'thefrenchcapsule.example'],
  },
  {
    key: 'diy',
    label: 'DIY',
    motif: 'workshop',
    palettes: [
      ['#e9d8a6', '#ddb892', '#7f5539', '#9c6644', '#005f73', '#ee9b00'],
      ['#f0efeb', '#d6ccc2', '#588157', '#a3b18a', '#3a5a40', '#dad7cd'],
      ['#edf2f4', '#8d99ae', '#2b2d42', '#ef233c', '#d90429', '#fca311'],
    ],
    boards: ['Woodworking', 'Upcycling', 'Crafts', 'Home Projects', 'Macrame', 'Weekend Builds'],
    titles: ['DIY {a} {n}', 'How to build a {n}', '{k} {a} {n} projects', 'Easy {n} tutorial'],
    adjectives: ['Rustic', 'Floating', 'Upcycled', 'Scrap wood', 'Modern', 'Budget', 'Weekend'],
    nouns: ['bookshelf', 'plant stand', 'coffee table', 'wall shelves', 'headboard', 'macrame hanger'],
    descriptions: [
      'Built this {n} in one afternoon with basic tools. Cut list included.',
      '{a} {n}: total cost under forty dollars.',
      'Step-by-step {n} tutorial for complete beginners.',
    ],
    sites: ['instructables.example', 'anawhite.example', 'familyhandyman.example'],
  },
  {
    key: 'art',
    label: 'Art',
    motif: 'abstract',
    palettes: [
      ['#f4f1de', '#e9e5cd', '#e07a5f', '#3d405b', '#81b29a', '#f2cc8f'],
      ['#fefae0', '#f8f0d8', '#bc4749', '#386641', '#6a994e', '#f2e8cf'],
      ['#0d1b2a', '#1b263b', '#e0e1dd', '#778da9', '#ffb703', '#fb8500'],
    ],
    boards: ['Abstract Art', 'Watercolor', 'Illustration', 'Art Prints', 'Sketchbook', 'Color Palettes'],
    titles: ['{a} {n}', '{k} {n} ideas to try', 'Daily {n} practice', '{a} {n} inspiration'],
    adjectives: ['Bold', 'Mid-century', 'Bauhaus', 'Dreamy', 'Loose', 'Geometric', 'Minimal'],
    nouns: ['abstract painting', 'watercolor study', 'color palette', 'linocut print', 'gouache sketch'],
    descriptions: [
      '{a} shapes and a limited palette: {n} in an hour.',
      'Trying a new {n} every day this month. Day {k}.',
      'Print of my {n}, available in three sizes.',
    ],
    sites: ['behance.example', 'society6.example', 'artsy.example'],
  },
  {
    key: 'fitness',
    label: 'Fitness',
    motif: 'motion',
    palettes: [
      ['#0b090a', '#161a1d', '#e5383b', '#f5f3f4', '#ba181b', '#d3d3d3'],
      ['#e0fbfc', '#c2dfe3', '#253237', '#5c6b73', '#ee6c4d', '#9db4c0'],
      ['#f8f9fa', '#e9ecef', '#00b4d8', '#ff006e', '#8338ec', '#ffbe0b'],
    ],
    boards: ['Home Workouts', 'Yoga', 'Running', 'Strength Training', 'Healthy Habits', 'Stretching'],
    titles: ['{k}-minute {a} {n}', '{a} {n} for beginners', 'The only {n} you need', '{k}-day {n} challenge'],
    adjectives: ['Full-body', 'Low-impact', 'No-equipment', 'Core', 'Morning', 'Quick'],
    nouns: ['workout', 'yoga flow', 'stretch routine', 'HIIT session', 'running plan', 'pilates routine'],
    descriptions: [
      '{a} {n} you can do in your living room. Save it for later!',
      'Week {k} of my {n} and I can finally feel the difference.',
      'Warm up, three rounds, cool down: a {n} that fits any morning.',
    ],
    sites: ['runnersworld.example', 'yogajournal.example', 'self.example'],
  },
  {
    key: 'weddings',
    label: 'Weddings',
    motif: 'rings',
    palettes: [
      ['#fffaf5', '#f8ede3', '#d4a373', '#c9ada7', '#e9d5ca', '#a98467'],
      ['#f7f7ff', '#eceaf6', '#b8b8d1', '#5b5f97', '#ffc145', '#fffffb'],
      ['#fdf2f8', '#fce7f3', '#db2777', '#f9a8d4', '#a7f3d0', '#065f46'],
    ],
    boards: [
      'Wedding Dresses',
      'Wedding Flowers',
      'Reception Decor',
      'Wedding Cakes',
      'Bridesmaids',
      'Venues',
    ],
    titles: ['{a} {n} ideas', '{k} {a} {n} we love', 'Our {a} {n}', '{a} {n} inspiration'],
    adjectives: ['Rustic', 'Boho', 'Garden', 'Minimal', 'Romantic', 'Elegant', 'Vintage'],
    nouns: ['wedding bouquet', 'table setting', 'wedding arch', 'wedding cake', 'bridal hairstyle'],
    descriptions: [
      '{a} {n} with peonies, eucalyptus and lots of candlelight.',
      'Real wedding: a {a} {n} in the countryside.',
      'Saving every {n} idea for next June!',
    ],
    sites: ['theknot.example', 'brides.example', 'greenweddingshoes.example'],
  },
  {
    key: 'tattoos',
    label: 'Tattoos',
    motif: 'lineart',
    palettes: [
      ['#f2efe9', '#e6e1d6', '#111111', '#333333', '#8a0303', '#555555'],
      ['#141414', '#1f1f1f', '#f2f2f2', '#c9a227', '#b0b0b0', '#7a0c0c'],
      ['#fbf7f0', '#efe6d8', '#1b3a4b', '#212529', '#9d0208', '#495057'],
    ],
    boards: [
      'Fine Line Tattoos',
      'Tattoo Ideas',
      'Floral Tattoos',
      'Small Tattoos',
      'Sleeve Ideas',
      'Flash Art',
    ],
    titles: ['{a} {n} tattoo', '{k} {a} tattoo ideas', '{n} tattoo flash', '{a} {n} design'],
    adjectives: ['Fine line', 'Minimal', 'Botanical', 'Blackwork', 'Traditional', 'Dainty'],
    nouns: ['moth', 'peony', 'snake', 'crescent moon', 'swallow', 'fern', 'dagger'],
    descriptions: [
      '{a} {n} on the forearm. Healed beautifully.',
      'Flash sheet: {k} designs, each one of a kind.',
      'My first tattoo: a tiny {n}, done in one hour.',
    ],
    sites: ['tattoodo.example', 'inkstagram.example', 'flashbook.example'],
  },
  {
    key: 'cars',
    label: 'Cars',
    motif: 'car',
    palettes: [
      ['#dfe7ec', '#a9bcc8', '#d62828', '#003049', '#fcbf49', '#222222'],
      ['#1d1d1d', '#2c2c2c', '#f77f00', '#eae2b7', '#fcbf49', '#9e9e9e'],
      ['#ffe5d9', '#ffcad4', '#118ab2', '#073b4c', '#06d6a0', '#ef476f'],
    ],
    boards: [
      'Classic Cars',
      'Dream Garage',
      'Car Restoration',
      'Road Trip Rides',
      'Vintage Racing',
      'Camper Vans',
    ],
    titles: ['{a} {n}', '{k} {a} {n} restorations', 'Dream {n}', '{a} {n} in the wild'],
    adjectives: ['Vintage', 'Restored', 'Classic', 'Retro', 'Custom', 'Weekend'],
    nouns: ['roadster', 'camper van', 'coupe', 'pickup truck', 'hatchback', 'rally car'],
    descriptions: [
      '{a} {n} spotted at the Sunday car meet.',
      'Three years of weekends went into this {n}. Build thread linked.',
      'The {n} that started it all for me.',
    ],
    sites: ['hagerty.example', 'petrolicious.example', 'roadandtrack.example'],
  },
  {
    key: 'pets',
    label: 'Pets',
    motif: 'pet',
    palettes: [
      ['#fff8e7', '#ffe8c2', '#e76f51', '#264653', '#f4a261', '#2a9d8f'],
      ['#eef4ed', '#d8e2dc', '#8d6e63', '#3e2723', '#ffb74d', '#6d4c41'],
      ['#f0f4ff', '#dde5ff', '#ff8fab', '#5e60ce', '#ffc6ff', '#48bfe3'],
    ],
    boards: ['Cats', 'Dog Life', 'Pet DIY', 'Puppy Training', 'Cute Animals', 'Pet Treats'],
    titles: ['{a} {n}', '{k} {n} ideas your pet will love', 'DIY {n}', '{a} {n} tips'],
    adjectives: ['Homemade', 'Cozy', 'Easy', 'Adorable', 'Healthy', 'Sleepy'],
    nouns: ['dog treats', 'cat tree', 'puppy training', 'pet bed', 'kitten photos', 'dog walks'],
    descriptions: [
      '{a} {n}: my cat approves, which says everything.',
      '{k} minutes a day of {n} changed everything for our rescue pup.',
      'Sunday nap, featuring the sleepiest dog in town.',
    ],
    sites: ['akc.example', 'thesprucepets.example', 'catster.example'],
  },
  {
    key: 'beauty',
    label: 'Beauty',
    motif: 'bottles',
    palettes: [
      ['#fff0f3', '#ffccd5', '#c9184a', '#ff758f', '#590d22', '#ffb3c1'],
      ['#f8f4f9', '#efe3f0', '#7b2cbf', '#c77dff', '#e0aaff', '#3c096c'],
      ['#fefae0', '#f5ebe0', '#d4a373', '#a3b18a', '#606c38', '#fdf0d5'],
    ],
    boards: ['Skincare', 'Makeup Looks', 'Nail Art', 'Hair Ideas', 'Self Care', 'Natural Beauty'],
    titles: ['{a} {n}', '{k}-step {n} routine', '{a} {n} tutorial', 'My {a} {n}'],
    adjectives: ['Glowy', 'Natural', 'Everyday', 'Minimal', 'Bold', 'Soft glam'],
    nouns: ['skincare routine', 'makeup look', 'nail art', 'braided hairstyle', 'lip color', 'face mask'],
    descriptions: [
      '{a} {n} with drugstore products only.',
      'My {k}-step {n} for dry winter skin.',
      '{a} {n} you can do in five minutes before work.',
    ],
    sites: ['allure.example', 'byrdie.example', 'intothegloss.example'],
  },
];
