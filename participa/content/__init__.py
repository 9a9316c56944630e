"""Rules about people's content below the features: text cleaning, checking and formatting,
whole numbers and months or days from text, visibility under moderation, labelled enums, the
link limit for new accounts. Imports only ``base``."""
