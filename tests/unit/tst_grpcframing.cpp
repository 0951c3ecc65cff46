// gRPC's length-prefixed messages, as the BuildKit session's own HTTP/2 server frames and splits
// them: many packets in one buffer, bytes arriving in any pieces, and the protocol errors.
#include "buildkit/grpcframing.h"
#include "fsutil.pb.h"

#include <QTest>

using namespace slipway::buildkit;
using Packet = fsutil::types::Packet;

namespace {

Packet statPacket(int i) {
    Packet packet;
    packet.set_type(Packet::PACKET_STAT);
    packet.mutable_stat()->set_path("src/d" + std::to_string(i % 7) + "/f" + std::to_string(i) + ".bin");
    packet.mutable_stat()->set_size(i * 1000);
    return packet;
}

} // namespace

class TestGrpcFraming : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void manyPacketsInOneBufferComeBackWholeInAnyPieces() {
        std::string wire;
        for (int i = 0; i < 50; ++i)
            appendGrpcFrame(wire, statPacket(i));
        Packet fin;
        fin.set_type(Packet::PACKET_FIN); // an empty message: a prefix and no bytes
        appendGrpcFrame(wire, fin);
        for (std::size_t piece : {std::size_t(1), std::size_t(3), std::size_t(5), std::size_t(4096)}) {
            GrpcDeframer deframer;
            std::vector<std::string> messages;
            for (std::size_t offset = 0; offset < wire.size(); offset += piece)
                QCOMPARE(deframer.feed(std::string_view(wire).substr(offset, piece), messages),
                         GrpcDeframer::Status::Ok);
            QVERIFY(deframer.atBoundary());
            QCOMPARE(messages.size(), std::size_t(51));
            for (int i = 0; i < 50; ++i) {
                Packet packet;
                QVERIFY(packet.ParseFromString(messages[std::size_t(i)]));
                QCOMPARE(packet.stat().path(), statPacket(i).stat().path());
                QCOMPARE(packet.stat().size(), statPacket(i).stat().size());
            }
            Packet last;
            QVERIFY(last.ParseFromString(messages.back()));
            QCOMPARE(last.type(), Packet::PACKET_FIN);
        }
    }

    void aCutMessageIsNotABoundary() {
        std::string wire;
        appendGrpcFrame(wire, statPacket(1));
        GrpcDeframer deframer;
        std::vector<std::string> messages;
        QCOMPARE(deframer.feed(std::string_view(wire).substr(0, wire.size() - 1), messages),
                 GrpcDeframer::Status::Ok);
        QVERIFY(messages.empty());
        QVERIFY(!deframer.atBoundary());
    }

    void compressedAndOversizedMessagesAreErrors() {
        std::vector<std::string> messages;
        GrpcDeframer compressed;
        QCOMPARE(compressed.feed(std::string("\x01\x00\x00\x00\x01x", 6), messages),
                 GrpcDeframer::Status::Compressed);
        GrpcDeframer bounded(16);
        QCOMPARE(bounded.feed(std::string("\x00\x00\x00\x00\x11", 5), messages),
                 GrpcDeframer::Status::TooLarge);
        QVERIFY(messages.empty());
    }
};

QTEST_GUILESS_MAIN(TestGrpcFraming)
#include "tst_grpcframing.moc"
