"""Peewee models. Each module holds the models of one area; all bind at open time."""
