print("hello from a script someone downloaded")
