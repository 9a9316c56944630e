"""Rules about people's content below the features: text cleaning and formatting, whole
numbers from text, visibility under moderation, labelled enums, the link limit for new
accounts. Imports only ``base``."""
