/**
 * How many cards a kanban column renders, and when. The first few of every column
 * paint at once (what the screen shows above the fold on a laptop: about six cards of
 * 74 px in a 520 px column); the rest of the board's first page follows two frames
 * later; a column shown in full grows by `step` cards as it is scrolled.
 */
export const renderWindow = { first: 6, page: 20, step: 20 } as const;
