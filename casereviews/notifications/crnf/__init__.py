"""The CRNF A described once (`description.py`) and what is made from it."""
