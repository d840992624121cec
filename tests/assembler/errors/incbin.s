        .incbin "no-such-blob.bin"
        .incbin blob.bin
