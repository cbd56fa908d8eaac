import HotlineCommands

Hotline.main()
